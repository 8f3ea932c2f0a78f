// Accessibility repairs to Decap CMS's own interface (WCAG 2.1 AA, as axe-core
// checks it; docs/editors.md lists what they fix). The CMS redraws its views at
// will, so each repair is applied again whenever the page changes, and only where
// it is still missing: the observer's own changes settle at once.
(function () {
  var style = document.createElement('style');
  style.textContent =
    // The "Công bố" button: white on #17a2b8 is 3.0:1; on #117a8b it is 5.2:1.
    '[class*="PublishButton"]{background-color:#117a8b!important}' +
    // The CMS's grey text (#798291, #7b8290: 3.4 to 3.9:1 on its white and light
    // grey): the site's address, the header's buttons, the collections not shown
    // and the list's menus. #4f5866 is 6.4:1 on the light grey.
    '[class*="AppHeaderSiteLink"],[class*="AppHeaderButton"],' +
    '[class*="SidebarNavLink"]:not([aria-current="page"]),[class*="grayText"]{color:#4f5866!important}';
  document.head.appendChild(style);

  function set(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  // The label of the form field `el` is in, if any.
  function fieldLabel(el) {
    for (var n = el.parentElement; n; n = n.parentElement) {
      var label = n.querySelector(':scope > label');
      if (label && label.textContent.trim()) return label.textContent.trim();
    }
    return '';
  }

  function repair() {
    // The preview pane.
    var pane = document.getElementById('preview-pane');
    if (pane) set(pane, 'title', 'Xem trước');
    // The rich-text body: a text box with no name.
    document.querySelectorAll('[data-slate-editor="true"]').forEach(function (box) {
      if (!box.hasAttribute('aria-label')) set(box, 'aria-label', fieldLabel(box) || 'Nội dung');
    });
    // The rich text / Markdown switch: no name, no state. Its labels are the
    // spans beside it; the active one is drawn bold.
    document.querySelectorAll('button[role="switch"]').forEach(function (sw) {
      var labels = sw.parentElement ? sw.parentElement.querySelectorAll(':scope > span') : [];
      var on = labels[labels.length - 1];
      if (!on) return;
      set(sw, 'aria-label', on.textContent.trim());
      set(sw, 'aria-checked', parseInt(getComputedStyle(on).fontWeight, 10) >= 600 ? 'true' : 'false');
    });
    // "Ngay lúc này" buttons named in English ("Set date to now").
    document.querySelectorAll('button[data-testid="now-button"]').forEach(function (b) {
      var text = b.textContent.trim();
      var field = fieldLabel(b);
      set(b, 'aria-label', field ? text + ' (' + field + ')' : text);
    });
    // Toolbar menus: a focusable span with role="button" around the real button.
    document.querySelectorAll('span[role="button"][aria-haspopup]').forEach(function (wrap) {
      var inner = wrap.querySelector('button, [tabindex]:not([tabindex="-1"])');
      if (!inner || inner === wrap) return;
      inner.setAttribute('aria-haspopup', wrap.getAttribute('aria-haspopup'));
      var expanded = wrap.getAttribute('aria-expanded');
      if (expanded !== null) set(inner, 'aria-expanded', expanded);
      wrap.removeAttribute('role');
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('aria-haspopup');
      wrap.removeAttribute('aria-expanded');
    });
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      repair();
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-expanded', 'style', 'class'] });
  repair();
})();
