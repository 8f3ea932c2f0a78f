//! The widget's stylesheet, placed in each shadow root.
//!
//! `:host { all: initial }` cuts every inherited property off the host page,
//! and every size is in px (never rem or em of the host): the host's root font
//! size and resets cannot change the widget, and these rules never reach the
//! host. The heights here are `options::layout`'s (a test checks them).
//!
//! A widget without `giao-dien` (`.w--cong`) takes the portal's brand: embed.js
//! sets `--bantin-brand` (the header's colour, AA on white: `bantin build`
//! checks it) and `--bantin-on-brand` (its text) on the element, from the
//! portal's `[brand]`. Custom properties pass `all: initial` and the shadow
//! boundary; without them the light theme's colours hold. The stylesheet
//! itself never changes with the brand: hosts allow it by its hash.

pub const CSS: &str = "\
:host{all:initial;display:block;contain:content;font:14px/20px system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1f2b;text-align:left}\
*{box-sizing:border-box;margin:0;padding:0}\
.w{border:1px solid #d5dae3;border-radius:6px;background:#fff;overflow:hidden}\
.w--toi{background:#161b24;border-color:#333c4b;color:#e8ebf1}\
a{color:inherit;text-decoration:none}\
a:hover .t,a:focus .t,.h a:hover,.m:hover{text-decoration:underline}\
a:focus-visible{outline:2px solid #2563eb;outline-offset:-2px}\
.h{height:40px;padding:0 12px;font-size:15px;line-height:39px;font-weight:700;border-bottom:1px solid #d5dae3;color:#b91c1c;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}\
.w--toi .h{border-color:#333c4b;color:#f87171}\
ul{list-style:none}\
li{display:block;height:48px;border-bottom:1px solid #eceff4;overflow:hidden}\
.w--toi li{border-color:#262e3b}\
li>a{display:flex;gap:10px;align-items:center;height:100%;padding:4px 12px}\
.t{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;max-height:40px;font-size:14px;line-height:20px;font-weight:600}\
.a li{height:76px}\
.a li>a{padding:8px 12px;align-items:flex-start}\
img,.p{display:block;flex:none;width:80px;height:60px;object-fit:cover;border-radius:4px;background:#e5e9f0;border:0}\
.w--toi .p{background:#262e3b}\
.b{min-width:0;flex:1}\
time{display:block;font-size:12px;line-height:16px;color:#5b6472}\
.w--toi time{color:#a3acba}\
.m{display:block;height:36px;padding:0 12px;font-size:13px;line-height:36px;color:#1d4ed8;text-align:right}\
.w--toi .m{color:#93c5fd}\
.c>a{height:124px}\
.c>a{display:flex;gap:12px;padding:12px}\
.c img,.c .p{width:133px;height:100px}\
.c .t{font-size:16px;line-height:22px;max-height:44px}\
.c p{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;max-height:36px;font-size:13px;line-height:18px;margin-top:2px}\
.e{padding:12px;font-size:14px;line-height:20px}\
.e a{color:#1d4ed8;text-decoration:underline}\
.w--toi .e a{color:#93c5fd}\
.w--cong .h{background:var(--bantin-brand,#fff);color:var(--bantin-on-brand,#b91c1c);border-color:var(--bantin-brand,#d5dae3)}\
.w--cong .m{color:var(--bantin-brand,#1d4ed8)}\
";
