// bantin dev's live reload: added to every HTML page the dev server sends
// (never to the built files). It listens to the build status at
// /__bantin/events: a new good build reloads the page, a failed one shows its
// errors over the page until the next good build. Hidden tabs let go of their
// connection (browsers allow few per host) and catch up when shown again.
(() => {
  "use strict";
  const script = document.currentScript;
  let shown = Number(script && script.dataset.generation);
  let source = null;
  let overlay = null;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(errors) {
    hide();
    if (!document.getElementById("bantin-dev-style")) {
      const link = el("link");
      link.id = "bantin-dev-style";
      link.rel = "stylesheet";
      link.href = "/__bantin/live.css";
      document.head.appendChild(link);
    }
    overlay = el("div", "bantin-dev");
    overlay.setAttribute("role", "alert");
    overlay.lang = "vi";
    const box = el("div", "bantin-dev__box");
    box.appendChild(el("p", "bantin-dev__title", "Lỗi nội dung: trang chưa được dựng lại"));
    box.appendChild(
      el("p", "bantin-dev__hint", "Đang hiển thị bản dựng tốt gần nhất. Sửa lỗi rồi lưu tệp, trang sẽ tự tải lại."),
    );
    const list = el("ul", "bantin-dev__list");
    for (const e of errors) {
      const item = el("li", "bantin-dev__error");
      if (e.path) item.appendChild(el("code", "bantin-dev__where", `${e.path}:${e.line}`));
      item.appendChild(el("span", "bantin-dev__message", e.path ? `: ${e.message}` : e.message));
      list.appendChild(item);
    }
    box.appendChild(list);
    const close = el("button", "bantin-dev__close", "Đóng (Esc)");
    close.type = "button";
    close.addEventListener("click", hide);
    box.appendChild(close);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
  }

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && overlay) hide();
  });

  function connect() {
    if (source) return;
    source = new EventSource("/__bantin/events");
    source.addEventListener("status", (e) => {
      const status = JSON.parse(e.data);
      if (status.errors) {
        show(status.errors);
      } else if (Number.isNaN(shown)) {
        shown = status.generation;
        hide();
      } else if (status.generation !== shown) {
        source.close();
        location.reload();
      } else {
        hide();
      }
    });
  }

  function disconnect() {
    if (source) source.close();
    source = null;
  }

  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  window.addEventListener("pagehide", disconnect);
  if (!document.hidden) connect();
})();
