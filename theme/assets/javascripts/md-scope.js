// mkdocs-material's bootstrap (partials/javascripts/base.html), moved out of the page so the
// site needs no 'unsafe-inline' in its Content-Security-Policy. The scope comes from a data
// attribute on this script element instead of being written into inline code.
var __md_scope = new URL(document.currentScript.dataset.mdScope || ".", location),
  __md_hash = function (e) {
    return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  },
  __md_get = function (e, store, scope) {
    store = store || localStorage;
    scope = scope || __md_scope;
    return JSON.parse(store.getItem(scope.pathname + "." + e));
  },
  __md_set = function (e, value, store, scope) {
    store = store || localStorage;
    scope = scope || __md_scope;
    try { store.setItem(scope.pathname + "." + e, JSON.stringify(value)); } catch (err) { /* full */ }
  };
