#!/usr/bin/env python3
"""Generate the sample illustrations referenced by the articles.

Scans content/articles/**/*.md for image references of the form
``/anh/<name>.svg`` (front matter ``cover = { src = ... }`` and Markdown
figures) and writes every missing SVG into content/anh/.  With ``--force``
every referenced image is regenerated.

The pictures are original, abstract flat illustrations: a sky gradient, a sun
or moon, layered hills (or sea), and a motif chosen from keywords in the file
name or from the category of the article that references the image.  Output is
deterministic: the random seed is a hash of the file name.

Covers (names ending in ``-bia.svg``) are 1200x675, body figures 960x640.
Standard library only.

Usage: python3 scripts/make_images.py [--force] [--content DIR] [--quiet]
"""

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

REF_RE = re.compile(r"/anh/([A-Za-z0-9._/-]+?\.svg)\b")
CAT_RE = re.compile(r'^\s*category\s*=\s*"([^"]+)"', re.M)

# Palettes: sky top, sky bottom, sun, hills (far -> near), motif, accent,
# light (windows / highlights).  Two or three variants per category.
PALETTES = {
    "thoi-su": [
        dict(sky=("#bcd9f2", "#f7f1e3"), sun="#ffd27a", hills=("#a9cbd3", "#74a7b0", "#3f7a84"),
             motif="#2f4858", accent="#c8102e", light="#fdf6e3"),
        dict(sky=("#f6c28b", "#fbe9d0"), sun="#fff1c1", hills=("#d9a77c", "#a0775a", "#5e4a45"),
             motif="#33415c", accent="#d62828", light="#ffe8a8"),
    ],
    "kinh-te": [
        dict(sky=("#cde7e3", "#fbf4e4"), sun="#f9c74f", hills=("#9fd3c7", "#5fa8a0", "#2e6f6a"),
             motif="#264653", accent="#e9a23b", light="#fff3d6"),
        dict(sky=("#fbd3a5", "#fff4e2"), sun="#fff7d6", hills=("#e8b27d", "#c2814f", "#7b4b2a"),
             motif="#3d405b", accent="#f2cc8f", light="#fff0c8"),
    ],
    "van-hoa-du-lich": [
        dict(sky=("#f7b267", "#fde2c0"), sun="#fff3c4", hills=("#f4a261", "#d1603d", "#7a2e3b"),
             motif="#5a1f2b", accent="#d62828", light="#ffd166"),
        dict(sky=("#1d2b53", "#7e5a9b"), sun="#fbeec1", hills=("#5b4b8a", "#3e3270", "#241b47"),
             motif="#1a1333", accent="#e63946", light="#ffd166", night=True),
        dict(sky=("#a8dadc", "#f1faee"), sun="#ffe66d", hills=("#95c7a4", "#5e9f7a", "#2d6a4f"),
             motif="#6b2737", accent="#e76f51", light="#ffd166"),
    ],
    "giao-duc": [
        dict(sky=("#bde0fe", "#fefae0"), sun="#ffd166", hills=("#b5d99c", "#7fb069", "#437a3e"),
             motif="#f2e8cf", accent="#bc4749", light="#8ecae6"),
        dict(sky=("#ffd6a5", "#fffbe9"), sun="#fff3b0", hills=("#caffbf", "#90be6d", "#4d7c4a"),
             motif="#fdf0d5", accent="#c1121f", light="#669bbc"),
    ],
    "y-te": [
        dict(sky=("#d8f3f0", "#ffffff"), sun="#ffe8a3", hills=("#a8dadc", "#6cb4b8", "#2a7f83"),
             motif="#f8fbfb", accent="#e63946", light="#9bd0e0"),
        dict(sky=("#cde8f6", "#f4fbff"), sun="#fff1b8", hills=("#b8e0d2", "#80c4b7", "#3d8c7f"),
             motif="#ffffff", accent="#d62839", light="#a3cfe6"),
    ],
    "nong-nghiep": [
        dict(sky=("#fff3b0", "#e0f2c3"), sun="#ffd166", hills=("#c5e1a5", "#8bc34a", "#4c7c3a"),
             motif="#6d4c2f", accent="#f4d35e", light="#e9f5db"),
        dict(sky=("#b9e3f5", "#f2f9e6"), sun="#ffe066", hills=("#d4e09b", "#a3b95a", "#5f7a2f"),
             motif="#7f5539", accent="#ffbf46", light="#f1f7d4"),
    ],
    "khoa-hoc-cong-nghe": [
        dict(sky=("#14213d", "#3a506b"), sun="#e0fbfc", hills=("#415a77", "#2b3d5c", "#1b263b"),
             motif="#0d1b2a", accent="#5bc0be", light="#9ef0ff", night=True),
        dict(sky=("#2b2d6e", "#7f6bb0"), sun="#fde2ff", hills=("#5c5ca8", "#3f3d8a", "#25235a"),
             motif="#17153b", accent="#64dfdf", light="#c3f8ff", night=True),
    ],
}
DEFAULT_CATEGORY = "thoi-su"

# Default motifs per category (one is picked by the seed).
CATEGORY_MOTIFS = {
    "thoi-su": ["city"],
    "kinh-te": ["city", "factory", "city"],
    "van-hoa-du-lich": ["pagoda", "lanterns", "pagoda"],
    "giao-duc": ["school", "books"],
    "y-te": ["hospital"],
    "nong-nghiep": ["terraces"],
    "khoa-hoc-cong-nghe": ["circuit", "antenna"],
}

# Keywords (as hyphen-separated token sequences of the file name) -> motif.
KEYWORDS = [
    ("lanterns", ["den-long", "trung-thu", "pho-co", "hoi-an", "dem-hoi", "le-hoi-den"]),
    ("village", ["homestay", "ban", "lang", "nha-tam", "nha-o", "nong-thon", "nong-thon-moi", "tai-dinh-cu"]),
    ("pagoda", ["chua", "den", "dinh", "mieu", "di-tich", "di-san", "le-hoi", "le-hoi-dinh"]),
    ("hospital", ["benh-vien", "y-te", "tram-y-te", "tiem", "kham", "bac-si", "thuoc"]),
    ("books", ["sach", "thu-vien", "doc-sach", "khuyen-hoc", "hoc-bong"]),
    ("school", ["truong-hoc", "ngoi-truong", "nha-truong", "noi-tru", "khai-giang", "hoc-sinh", "giao-vien",
                "nha-giao", "ky-thi", "thi-tot-nghiep", "lop-hoc", "mam-non", "tuyen-sinh", "dai-hoc"]),
    ("terraces", ["lua", "ruong", "ruong-bac-thang", "nong-nghiep", "che", "vu-mua", "thu-hoach",
                  "nong-san", "cay"]),
    ("antenna", ["5g", "vien-thong", "phat-song", "ang-ten", "song-di-dong"]),
    ("circuit", ["so", "chuyen-doi-so", "cong-nghe", "du-lieu", "ai", "phan-mem", "khoi-nghiep",
                 "sang-tao", "dien-tu", "truc-tuyen"]),
    ("bridge", ["cau", "cao-toc", "giao-thong", "ha-tang", "ven-song", "duong-ven", "mo-duong", "mua-lu", "lu",
                "ngap"]),
    ("port", ["cang", "bien", "tau", "ca", "dam", "thuy-san", "xuat-khau"]),
    ("factory", ["nha-may", "khu-cong-nghiep", "kcn", "san-xuat", "cong-nghiep", "dien"]),
    ("city", ["do-thi", "pho", "trung-tam", "hoi-nghi", "ubnd", "tinh"]),
]


def fmt(v):
    """Compact number formatting."""
    if isinstance(v, float):
        r = round(v)
        return str(int(r)) if abs(v - r) < 0.05 else f"{v:.1f}"
    return str(v)


def pts(*vals):
    return " ".join(fmt(v) for v in vals)


class Canvas:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.defs = []
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def render(self):
        head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
                f'viewBox="0 0 {self.w} {self.h}">')
        defs = "<defs>" + "".join(self.defs) + "</defs>" if self.defs else ""
        return head + defs + "\n".join(self.parts) + "</svg>\n"


def smooth_path(points, w, h):
    """Closed hill shape through points, smoothed with quadratic curves."""
    d = [f"M0 {fmt(h)}L{pts(*points[0])}"]
    for i in range(1, len(points) - 1):
        mx = (points[i][0] + points[i + 1][0]) / 2
        my = (points[i][1] + points[i + 1][1]) / 2
        d.append(f"Q{pts(*points[i])} {pts(mx, my)}")
    d.append(f"L{pts(*points[-1])}L{fmt(w)} {fmt(h)}Z")
    return "".join(d)


def hill_points(rng, w, base, amp, n):
    step = w / (n - 1)
    return [(i * step, base + rng.uniform(-amp, amp)) for i in range(n)]


def draw_sky(c, rng, pal):
    c.defs.append('<linearGradient id="s" x1="0" y1="0" x2="0" y2="1">'
                  f'<stop offset="0" stop-color="{pal["sky"][0]}"/>'
                  f'<stop offset="1" stop-color="{pal["sky"][1]}"/></linearGradient>')
    c.add(f'<rect width="{c.w}" height="{c.h}" fill="url(#s)"/>')


def draw_sun(c, rng, pal, avoid_center=False):
    w, h = c.w, c.h
    side = rng.choice([0.15, 0.25, 0.75, 0.85]) if avoid_center else rng.uniform(0.12, 0.88)
    x, y = w * side, h * rng.uniform(0.14, 0.3)
    r = h * rng.uniform(0.06, 0.09)
    if pal.get("night"):
        c.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{pal["sun"]}"/>')
        c.add(f'<circle cx="{fmt(x + r * 0.45)}" cy="{fmt(y - r * 0.25)}" r="{fmt(r * 0.85)}" '
              f'fill="{pal["sky"][0]}"/>')
        stars = []
        for _ in range(10):
            sx, sy = rng.uniform(0, w), rng.uniform(0, h * 0.45)
            stars.append(f'<circle cx="{fmt(sx)}" cy="{fmt(sy)}" r="{rng.choice([1.5, 2, 2.5])}"/>')
        c.add(f'<g fill="#fff" opacity=".7">{"".join(stars)}</g>')
    else:
        c.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r * 1.6)}" fill="{pal["sun"]}" opacity=".35"/>')
        c.add(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{fmt(r)}" fill="{pal["sun"]}"/>')
        clouds = []
        for _ in range(rng.randint(2, 3)):
            cx, cy = rng.uniform(0.05, 0.95) * w, h * rng.uniform(0.1, 0.32)
            s = rng.uniform(0.7, 1.2) * h / 675
            clouds.append(f'<ellipse cx="{fmt(cx)}" cy="{fmt(cy)}" rx="{fmt(70 * s)}" ry="{fmt(16 * s)}"/>'
                          f'<ellipse cx="{fmt(cx - 14 * s)}" cy="{fmt(cy - 14 * s)}" rx="{fmt(34 * s)}" '
                          f'ry="{fmt(20 * s)}"/>')
        c.add(f'<g fill="#fff" opacity=".75">{"".join(clouds)}</g>')


def draw_hills(c, rng, pal, layers=3, ground=0.78):
    w, h = c.w, c.h
    bases = [0.52, 0.63, ground][-layers:]
    for i, base in enumerate(bases):
        amp = h * (0.07 if i == 0 else 0.045 if i == 1 else 0.018)
        n = rng.randint(5, 7) if i < len(bases) - 1 else 4
        c.add(f'<path d="{smooth_path(hill_points(rng, w, h * base, amp, n), w, h)}" '
              f'fill="{pal["hills"][i + 3 - len(bases)]}"/>')


def draw_water(c, rng, pal, top):
    w, h = c.w, c.h
    c.add(f'<rect y="{fmt(top)}" width="{w}" height="{fmt(h - top)}" fill="{pal["hills"][0]}"/>')
    waves = []
    for i in range(6):
        y = top + (h - top) * (i + 0.6) / 6.5
        x0 = rng.uniform(0, w * 0.15)
        seg = []
        x = x0
        while x < w:
            ln = rng.uniform(60, 140)
            seg.append(f"M{pts(x, y)}q{pts(ln / 4, -5, ln / 2, 0)}")
            x += ln + rng.uniform(40, 160)
        waves.append("".join(seg))
    c.add(f'<path d="{"".join(waves)}" stroke="{pal["light"]}" stroke-width="3" fill="none" '
          f'stroke-linecap="round" opacity=".6"/>')


# ---------------------------------------------------------------- motifs

def window_pattern(c, pal, opacity=".75"):
    c.defs.append('<pattern id="w" width="18" height="22" patternUnits="userSpaceOnUse">'
                  f'<rect x="5" y="5" width="8" height="11" fill="{pal["light"]}" opacity="{opacity}"/>'
                  '</pattern>')


def motif_city(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.63)
    window_pattern(c, pal)
    ground = h * 0.82
    x = w * rng.uniform(0.04, 0.1)
    bodies, wins = [], []
    while x < w * 0.92:
        bw = rng.uniform(0.05, 0.09) * w
        bh = rng.uniform(0.2, 0.5) * h
        top = ground - bh
        bodies.append(f'<rect x="{fmt(x)}" y="{fmt(top)}" width="{fmt(bw)}" height="{fmt(bh)}"/>')
        wins.append(f'<rect x="{fmt(x + 4)}" y="{fmt(top + 8)}" width="{fmt(bw - 8)}" '
                    f'height="{fmt(bh - 16)}"/>')
        if rng.random() < 0.25:
            bodies.append(f'<rect x="{fmt(x + bw / 2 - 2)}" y="{fmt(top - 30)}" width="4" height="30"/>')
        x += bw + rng.uniform(4, 22)
    c.add(f'<g fill="{pal["motif"]}">{"".join(bodies)}</g>')
    c.add(f'<g fill="url(#w)">{"".join(wins)}</g>')
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    # a flag on the tallest building-ish spot
    fx = w * rng.uniform(0.3, 0.7)
    c.add(f'<path d="M{pts(fx, ground)}V{fmt(ground - h * 0.3)}" stroke="{pal["motif"]}" stroke-width="4"/>'
          f'<path d="M{pts(fx + 2, ground - h * 0.3)}h60l-8 18 8 18h-60z" fill="{pal["accent"]}"/>')
    trees(c, rng, pal, ground, 6)


def trees(c, rng, pal, ground, n):
    w = c.w
    t = []
    for _ in range(n):
        x = rng.uniform(0.02, 0.98) * w
        r = rng.uniform(12, 22)
        t.append(f'<rect x="{fmt(x - 3)}" y="{fmt(ground - r * 1.6)}" width="6" height="{fmt(r * 1.6)}"/>'
                 f'<circle cx="{fmt(x)}" cy="{fmt(ground - r * 2.2)}" r="{fmt(r)}" fill="{pal["hills"][1]}"/>')
    c.add(f'<g fill="#7a5c44">{"".join(t)}</g>')


def motif_factory(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.63)
    ground = h * 0.8
    x0 = w * rng.uniform(0.12, 0.25)
    fw = w * rng.uniform(0.5, 0.62)
    teeth = rng.randint(4, 6)
    tw = fw / teeth
    top = ground - h * 0.22
    d = [f"M{pts(x0, ground)}V{fmt(top)}"]
    for i in range(teeth):
        d.append(f"l{pts(tw, -h * 0.08)}v{fmt(h * 0.08)}")
    d.append(f"V{fmt(ground)}Z")
    cx = x0 + fw * rng.uniform(0.6, 0.85)
    smoke = "".join(f'<circle cx="{fmt(cx + 14 + i * 26)}" cy="{fmt(top - h * 0.3 - i * 22)}" '
                    f'r="{fmt(14 + i * 6)}"/>' for i in range(3))
    c.add(f'<g fill="#fff" opacity=".6">{smoke}</g>')
    c.add(f'<rect x="{fmt(cx)}" y="{fmt(top - h * 0.26)}" width="28" height="{fmt(h * 0.27)}" '
          f'fill="{pal["motif"]}"/><rect x="{fmt(cx)}" y="{fmt(top - h * 0.22)}" width="28" height="10" '
          f'fill="{pal["accent"]}"/>')
    c.add(f'<path d="{"".join(d)}" fill="{pal["motif"]}"/>')
    win = "".join(f'<rect x="{fmt(x0 + 18 + i * tw)}" y="{fmt(top + 24)}" width="{fmt(tw - 36)}" '
                  f'height="{fmt(h * 0.06)}"/>' for i in range(teeth))
    c.add(f'<g fill="{pal["light"]}" opacity=".8">{win}</g>')
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    # containers / boxes
    bx = x0 + fw + 30
    boxes = []
    for i in range(rng.randint(2, 4)):
        col = [pal["accent"], pal["hills"][0], pal["light"]][i % 3]
        boxes.append(f'<rect x="{fmt(bx + i * 48)}" y="{fmt(ground - 40)}" width="44" height="40" '
                     f'fill="{col}"/>')
    c.add("".join(boxes))
    trees(c, rng, pal, ground, 4)


def motif_port(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=1, ground=0.55)
    draw_water(c, rng, pal, h * 0.6)
    # boats
    for _ in range(rng.randint(2, 3)):
        bx, by = rng.uniform(0.1, 0.8) * w, rng.uniform(0.68, 0.85) * h
        s = rng.uniform(0.8, 1.3)
        c.add(f'<path d="M{pts(bx, by)}h{fmt(120 * s)}l{pts(-20 * s, 26 * s)}h{fmt(-80 * s)}z" '
              f'fill="{pal["motif"]}"/><path d="M{pts(bx + 55 * s, by - 4)}v{fmt(-90 * s)}'
              f'l{pts(48 * s, 80 * s)}z" fill="{pal["light"]}"/>'
              f'<path d="M{pts(bx + 50 * s, by - 4)}v{fmt(-70 * s)}l{pts(-36 * s, 64 * s)}z" '
              f'fill="{pal["accent"]}"/>')
    # crane on the shore
    cx = w * rng.choice([0.08, 0.88])
    top = h * 0.3
    c.add(f'<path d="M{pts(cx, h * 0.6)}V{fmt(top)}M{pts(cx - 60, top + 10)}h160M{pts(cx + 90, top + 10)}'
          f'v60" stroke="{pal["motif"]}" stroke-width="8" fill="none"/>')


def motif_bridge(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.62)
    water = h * 0.7
    draw_water(c, rng, pal, water)
    deck = h * rng.uniform(0.58, 0.64)
    c.add(f'<rect y="{fmt(deck)}" width="{w}" height="16" fill="{pal["motif"]}"/>')
    span = w / rng.randint(2, 3)
    arcs, cables = [], []
    x = 0.0
    while x < w:
        arcs.append(f"M{pts(x, deck)}Q{pts(x + span / 2, deck - h * 0.28)} {pts(x + span, deck)}")
        for k in range(1, 8):
            t = k / 8
            ax = x + span * t
            ay = deck - h * 0.28 * 2 * t * (1 - t)
            cables.append(f"M{pts(ax, ay)}V{fmt(deck)}")
        c.add(f'<rect x="{fmt(x + span - 10)}" y="{fmt(deck)}" width="20" height="{fmt(h - deck)}" '
              f'fill="{pal["motif"]}" opacity=".85"/>')
        x += span
    c.add(f'<path d="{"".join(arcs)}" stroke="{pal["accent"]}" stroke-width="10" fill="none"/>')
    c.add(f'<path d="{"".join(cables)}" stroke="{pal["motif"]}" stroke-width="2" opacity=".7"/>')


def pagoda(c, cx, base, scale, pal, tiers):
    parts = []
    y = base
    width = 150 * scale
    for i in range(tiers):
        bh = 46 * scale * (1 if i == 0 else 0.8)
        bw = width * 0.7
        parts.append(f'<rect x="{fmt(cx - bw / 2)}" y="{fmt(y - bh)}" width="{fmt(bw)}" height="{fmt(bh)}" '
                     f'fill="{pal["accent"]}"/>')
        parts.append(f'<rect x="{fmt(cx - 12 * scale)}" y="{fmt(y - bh * 0.75)}" width="{fmt(24 * scale)}" '
                     f'height="{fmt(bh * 0.75)}" fill="{pal["light"]}" opacity=".85"/>' if i == 0 else "")
        y -= bh
        rh = 34 * scale
        hw = width / 2
        parts.append(f'<path d="M{pts(cx - hw - 16 * scale, y - 18 * scale)}Q{pts(cx - hw + 2, y + 4)} '
                     f'{pts(cx - hw + 24 * scale, y)}H{fmt(cx + hw - 24 * scale)}Q{pts(cx + hw - 2, y + 4)} '
                     f'{pts(cx + hw + 16 * scale, y - 18 * scale)}L{pts(cx + hw * 0.5, y - rh)}'
                     f'H{fmt(cx - hw * 0.5)}Z" fill="{pal["motif"]}"/>')
        y -= rh
        width *= 0.74
    parts.append(f'<path d="M{pts(cx, y)}v{fmt(-30 * scale)}" stroke="{pal["motif"]}" '
                 f'stroke-width="{fmt(5 * scale)}"/><circle cx="{fmt(cx)}" cy="{fmt(y - 30 * scale)}" '
                 f'r="{fmt(7 * scale)}" fill="{pal["light"]}"/>')
    c.add("".join(parts))


def motif_pagoda(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.66)
    ground = h * 0.84
    cx = w * rng.uniform(0.35, 0.65)
    s = h / 675 * rng.uniform(1.0, 1.25)
    pagoda(c, cx, ground, s, pal, rng.randint(3, 4))
    if rng.random() < 0.7:
        side = cx + rng.choice([-1, 1]) * w * 0.3
        pagoda(c, side, ground, s * 0.6, pal, 2)
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    # pond reflection strip and a couple of trees
    c.add(f'<ellipse cx="{fmt(cx)}" cy="{fmt(ground + (h - ground) / 2)}" rx="{fmt(w * 0.22)}" '
          f'ry="{fmt((h - ground) * 0.3)}" fill="{pal["hills"][0]}" opacity=".55"/>')
    trees(c, rng, pal, ground, 3)
    if pal.get("night") or rng.random() < 0.4:
        lantern_row(c, rng, pal, h * 0.08, 5)


def lantern_row(c, rng, pal, y0, n):
    w, h = c.w, c.h
    sag = h * 0.07
    c.add(f'<path d="M0 {fmt(y0)}Q{pts(w / 2, y0 + 2 * sag)} {pts(w, y0)}" stroke="{pal["motif"]}" '
          f'stroke-width="3" fill="none"/>')
    items = []
    for i in range(n):
        t = (i + 0.5) / n
        x = w * t
        y = y0 + 2 * sag * 2 * t * (1 - t) + rng.uniform(8, 30)
        r = h * rng.uniform(0.035, 0.05)
        col = pal["accent"] if i % 2 == 0 else pal["light"]
        items.append(f'<path d="M{pts(x, y - r * 1.6)}V{fmt(y + r * 1.6)}" stroke="{pal["motif"]}" '
                     f'stroke-width="2"/><ellipse cx="{fmt(x)}" cy="{fmt(y)}" rx="{fmt(r)}" '
                     f'ry="{fmt(r * 1.2)}" fill="{col}"/><rect x="{fmt(x - r * 0.45)}" '
                     f'y="{fmt(y - r * 1.3)}" width="{fmt(r * 0.9)}" height="{fmt(r * 0.3)}" '
                     f'fill="{pal["motif"]}"/>')
    c.add("".join(items))


def motif_lanterns(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.7)
    ground = h * 0.86
    # old-town roofs
    x = -20.0
    roofs = []
    while x < w:
        rw = rng.uniform(110, 170)
        top = ground - rng.uniform(0.16, 0.26) * h
        roofs.append(f'<path d="M{pts(x, ground)}V{fmt(top + 34)}l{pts(rw * 0.2, -34)}h{fmt(rw * 0.6)}'
                     f'l{pts(rw * 0.2, 34)}V{fmt(ground)}Z"/>')
        x += rw + 4
    c.add(f'<g fill="{pal["motif"]}">{"".join(roofs)}</g>')
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    lantern_row(c, rng, pal, h * 0.1, 6)
    if rng.random() < 0.6:
        lantern_row(c, rng, pal, h * 0.32, 4)


def motif_school(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.64)
    window_pattern(c, pal, opacity="1")
    ground = h * 0.82
    bw, bh = w * rng.uniform(0.52, 0.62), h * 0.25
    x0 = w * rng.uniform(0.12, 0.3)
    top = ground - bh
    c.add(f'<rect x="{fmt(x0)}" y="{fmt(top)}" width="{fmt(bw)}" height="{fmt(bh)}" fill="{pal["motif"]}"/>'
          f'<rect x="{fmt(x0 + 10)}" y="{fmt(top + 14)}" width="{fmt(bw - 20)}" height="{fmt(bh - 28)}" '
          f'fill="url(#w)"/><rect x="{fmt(x0 - 10)}" y="{fmt(top - 14)}" width="{fmt(bw + 20)}" '
          f'height="16" fill="{pal["accent"]}"/>')
    cx = x0 + bw / 2
    c.add(f'<rect x="{fmt(cx - 70)}" y="{fmt(top - 40)}" width="140" height="{fmt(bh + 40)}" '
          f'fill="{pal["motif"]}"/><path d="M{pts(cx - 90, top - 38)}L{pts(cx, top - 100)}'
          f'L{pts(cx + 90, top - 38)}Z" fill="{pal["accent"]}"/><rect x="{fmt(cx - 26)}" '
          f'y="{fmt(ground - 70)}" width="52" height="70" fill="{pal["hills"][2]}"/>'
          f'<circle cx="{fmt(cx)}" cy="{fmt(top - 2)}" r="16" fill="{pal["light"]}"/>')
    fx = x0 + bw + w * 0.06
    c.add(f'<path d="M{pts(fx, ground)}V{fmt(top - 110)}" stroke="#555" stroke-width="5"/>'
          f'<rect x="{fmt(fx + 2)}" y="{fmt(top - 110)}" width="70" height="46" fill="#da251d"/>'
          f'<circle cx="{fmt(fx + 37)}" cy="{fmt(top - 87)}" r="9" fill="#ffde00"/>')
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    trees(c, rng, pal, ground, 4)


def motif_books(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=3, ground=0.8)
    ground = h * 0.9
    cols = [pal["accent"], pal["light"], pal["hills"][2], pal["sun"], pal["motif"]]
    x = w * rng.uniform(0.3, 0.42)
    y = ground
    stack = []
    for i in range(rng.randint(4, 6)):
        bw = rng.uniform(0.24, 0.32) * w
        bh = rng.uniform(32, 48) * h / 640
        bx = x + rng.uniform(-20, 20)
        y -= bh
        stack.append(f'<rect x="{fmt(bx)}" y="{fmt(y)}" width="{fmt(bw)}" height="{fmt(bh - 2)}" rx="6" '
                     f'fill="{cols[i % len(cols)]}"/><rect x="{fmt(bx + bw - 16)}" y="{fmt(y + 4)}" '
                     f'width="8" height="{fmt(bh - 10)}" fill="#fff" opacity=".6"/>')
    c.add("".join(stack))
    # open book on top
    bx, by = x + w * 0.14, y - 6
    c.add(f'<path d="M{pts(bx, by)}q{pts(-60, -30, -120, -10)}v-40q{pts(60, -20, 120, 10)}z'
          f'M{pts(bx, by)}q{pts(60, -30, 120, -10)}v-40q{pts(-60, -20, -120, 10)}z" fill="#fff" '
          f'stroke="{pal["motif"]}" stroke-width="3"/>')
    # graduation cap off to the side
    gx, gy = x + w * 0.45, ground - h * 0.12
    c.add(f'<path d="M{pts(gx, gy)}l70 -28 70 28 -70 28z" fill="{pal["motif"]}"/>'
          f'<path d="M{pts(gx + 30, gy + 14)}v30q40 18 80 0v-30" fill="{pal["motif"]}"/>'
          f'<path d="M{pts(gx + 70, gy)}h52v40" stroke="{pal["accent"]}" stroke-width="4" fill="none"/>')


def motif_hospital(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.64)
    window_pattern(c, pal, opacity="1")
    ground = h * 0.82
    bw, bh = w * rng.uniform(0.45, 0.55), h * rng.uniform(0.32, 0.4)
    x0 = w * rng.uniform(0.15, 0.35)
    top = ground - bh
    c.add(f'<rect x="{fmt(x0)}" y="{fmt(top)}" width="{fmt(bw)}" height="{fmt(bh)}" fill="{pal["motif"]}" '
          f'stroke="{pal["hills"][2]}" stroke-width="3"/><rect x="{fmt(x0 + 12)}" y="{fmt(top + 80)}" '
          f'width="{fmt(bw - 24)}" height="{fmt(bh - 100)}" fill="url(#w)"/>')
    cx, cy, s = x0 + bw / 2, top + 40, 26
    c.add(f'<rect x="{fmt(cx - s * 1.5)}" y="{fmt(cy - s * 1.5)}" width="{fmt(s * 3)}" '
          f'height="{fmt(s * 3)}" rx="12" fill="#fff" stroke="{pal["accent"]}" stroke-width="3"/>'
          f'<path d="M{pts(cx - s / 2.5, cy - s)}h{fmt(s / 1.25)}v{fmt(s * 0.6)}h{fmt(s * 0.6)}'
          f'v{fmt(s / 1.25)}h{fmt(-s * 0.6)}v{fmt(s * 0.6)}h{fmt(-s / 1.25)}v{fmt(-s * 0.6)}'
          f'h{fmt(-s * 0.6)}v{fmt(-s / 1.25)}h{fmt(s * 0.6)}z" fill="{pal["accent"]}"/>')
    c.add(f'<rect x="{fmt(cx - 40)}" y="{fmt(ground - 56)}" width="80" height="56" fill="{pal["light"]}"/>')
    c.add(f'<rect y="{fmt(ground)}" width="{w}" height="{fmt(h - ground)}" fill="{pal["hills"][2]}"/>')
    # heartbeat line
    hx = x0 + bw + 30
    if hx < w - 160:
        c.add(f'<path d="M{pts(hx, top + 60)}h40l14 -40 20 80 16 -40h60" stroke="{pal["accent"]}" '
              f'stroke-width="6" fill="none" stroke-linejoin="round"/>')
    trees(c, rng, pal, ground, 4)


def motif_terraces(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=1, ground=0.5)
    layers = rng.randint(6, 8)
    for i in range(layers):
        base = h * (0.52 + i * 0.48 / layers)
        ptsl = hill_points(rng, w, base, h * 0.03, 5)
        col = pal["hills"][i % 2 + 1] if i % 3 else pal["accent"]
        c.add(f'<path d="{smooth_path(ptsl, w, h)}" fill="{col}" stroke="{pal["light"]}" '
              f'stroke-width="5"/>')
    # a small stilt hut
    hx, hy = w * rng.uniform(0.15, 0.8), h * 0.58
    c.add(f'<path d="M{pts(hx, hy)}h90v46h-90z" fill="{pal["motif"]}"/>'
          f'<path d="M{pts(hx - 20, hy + 4)}l65 -52 65 52z" fill="{pal["accent"]}"/>'
          f'<path d="M{pts(hx + 10, hy + 46)}v22M{pts(hx + 80, hy + 46)}v22" stroke="{pal["motif"]}" '
          f'stroke-width="6"/>')


def motif_circuit(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.7)
    lines, dots = [], []
    cx, cy = w / 2, h * 0.45
    chip = h * 0.2
    for i in range(12):
        side = i % 4
        off = (i // 4 - 1) * chip * 0.35
        if side == 0:
            x, y = cx - chip, cy + off
            x2 = x - rng.uniform(0.12, 0.35) * w
            dy = rng.choice([-30, 30])
            d = f"M{pts(x, y)}H{fmt((x + x2) / 2)}l{pts(-30, dy)}H{fmt(x2)}"
            end = (x2, y + dy)
        elif side == 1:
            x, y = cx + chip, cy + off
            x2 = x + rng.uniform(0.12, 0.35) * w
            d = f"M{pts(x, y)}H{fmt(x2)}"
            end = (x2, y)
        elif side == 2:
            x, y = cx + off, cy - chip
            y2 = y - rng.uniform(0.05, 0.2) * h
            d = f"M{pts(x, y)}V{fmt(y2)}"
            end = (x, y2)
        else:
            x, y = cx + off, cy + chip
            y2 = y + rng.uniform(0.08, 0.25) * h
            d = f"M{pts(x, y)}V{fmt(y2)}"
            end = (x, y2)
        lines.append(d)
        dots.append(f'<circle cx="{fmt(end[0])}" cy="{fmt(end[1])}" r="8"/>')
    c.add(f'<path d="{"".join(lines)}" stroke="{pal["accent"]}" stroke-width="4" fill="none" '
          f'stroke-linejoin="round" opacity=".9"/>')
    c.add(f'<g fill="{pal["light"]}">{"".join(dots)}</g>')
    c.add(f'<rect x="{fmt(cx - chip)}" y="{fmt(cy - chip)}" width="{fmt(chip * 2)}" '
          f'height="{fmt(chip * 2)}" rx="14" fill="{pal["motif"]}" stroke="{pal["accent"]}" '
          f'stroke-width="5"/><rect x="{fmt(cx - chip * 0.5)}" y="{fmt(cy - chip * 0.5)}" '
          f'width="{fmt(chip)}" height="{fmt(chip)}" rx="8" fill="{pal["accent"]}" opacity=".7"/>')


def motif_antenna(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=3, ground=0.82)
    ax = w * rng.uniform(0.3, 0.7)
    base, top = h * 0.8, h * 0.22
    half = h * 0.09
    d = [f"M{pts(ax - half, base)}L{pts(ax, top)}L{pts(ax + half, base)}"]
    for k in range(1, 6):
        t = k / 6
        y = base - (base - top) * t
        hw = half * (1 - t)
        y2 = base - (base - top) * (k + 1) / 6
        hw2 = half * (1 - (k + 1) / 6)
        d.append(f"M{pts(ax - hw, y)}H{fmt(ax + hw)}L{pts(ax - hw2, y2)}")
    c.add(f'<path d="{"".join(d)}" stroke="{pal["light"]}" stroke-width="4" fill="none"/>')
    waves = []
    for r in (50, 90, 130):
        waves.append(f"M{pts(ax - r * 0.7, top - r * 0.7)}A{r} {r} 0 0 0 {pts(ax - r * 0.7, top + r * 0.7)}"
                     f"M{pts(ax + r * 0.7, top - r * 0.7)}A{r} {r} 0 0 1 {pts(ax + r * 0.7, top + r * 0.7)}")
    c.add(f'<path d="{"".join(waves)}" stroke="{pal["accent"]}" stroke-width="5" fill="none" '
          f'stroke-linecap="round"/><circle cx="{fmt(ax)}" cy="{fmt(top)}" r="10" fill="{pal["accent"]}"/>')
    # small houses with lit windows
    hs = []
    for _ in range(rng.randint(3, 5)):
        hx = rng.uniform(0.05, 0.9) * w
        if abs(hx - ax) < 120:
            continue
        hs.append(f'<path d="M{pts(hx, base + 20)}v-40l30 -24 30 24v40z" fill="{pal["motif"]}"/>'
                  f'<rect x="{fmt(hx + 22)}" y="{fmt(base - 8)}" width="16" height="16" fill="{pal["light"]}"/>')
    c.add("".join(hs))


def motif_village(c, rng, pal):
    w, h = c.w, c.h
    draw_hills(c, rng, pal, layers=2, ground=0.66)
    ground = h * 0.86
    c.add(f'<path d="{smooth_path(hill_points(rng, w, ground - h * 0.04, h * 0.03, 4), w, h)}" '
          f'fill="{pal["hills"][2]}"/>')
    houses = []
    n = rng.randint(3, 5)
    for i in range(n):
        x = w * (0.08 + 0.84 * (i + rng.uniform(0.1, 0.5)) / n)
        s = rng.uniform(0.8, 1.2) * h / 675
        bw, bh = 120 * s, 60 * s
        base = ground - h * 0.04 + rng.uniform(-10, 6)
        stilt = rng.random() < 0.5
        y = base - (24 * s if stilt else 0)
        wall = pal["light"] if i % 2 else pal["motif"]
        houses.append(f'<rect x="{fmt(x)}" y="{fmt(y - bh)}" width="{fmt(bw)}" height="{fmt(bh)}" '
                      f'fill="{wall}"/><path d="M{pts(x - 18 * s, y - bh + 4)}L{pts(x + bw / 2, y - bh - 46 * s)}'
                      f'L{pts(x + bw + 18 * s, y - bh + 4)}Z" fill="{pal["accent"]}"/>'
                      f'<rect x="{fmt(x + bw * 0.4)}" y="{fmt(y - bh * 0.6)}" width="{fmt(bw * 0.2)}" '
                      f'height="{fmt(bh * 0.6)}" fill="{pal["hills"][2]}"/>')
        if stilt:
            houses.append(f'<path d="M{pts(x + 8, y)}V{fmt(base)}M{pts(x + bw - 8, y)}V{fmt(base)}" '
                          f'stroke="{pal["motif"]}" stroke-width="6"/>')
    c.add("".join(houses))
    trees(c, rng, pal, ground, 4)


MOTIFS = {
    "city": motif_city, "factory": motif_factory, "port": motif_port, "bridge": motif_bridge,
    "pagoda": motif_pagoda, "lanterns": motif_lanterns, "school": motif_school, "books": motif_books,
    "hospital": motif_hospital, "terraces": motif_terraces, "circuit": motif_circuit,
    "antenna": motif_antenna, "village": motif_village,
}


def pick_motif(name, category, rng):
    stem = Path(name).stem
    if stem.endswith("-bia"):
        stem = stem[:-4]
    tokens = stem.lower().split("-")
    # category prefix in the name should not trigger keywords such as "so" in "thoi-su"
    for slug in PALETTES:
        if stem.startswith(slug + "-"):
            tokens = stem[len(slug) + 1:].split("-")
            break
    joined = "-" + "-".join(tokens) + "-"
    for motif, keys in KEYWORDS:
        for k in keys:
            if f"-{k}-" in joined:
                return motif
    return rng.choice(CATEGORY_MOTIFS.get(category, CATEGORY_MOTIFS[DEFAULT_CATEGORY]))


def category_for(name, ref_category):
    stem = Path(name).stem
    for slug in sorted(PALETTES, key=len, reverse=True):
        if stem.startswith(slug + "-"):
            return slug
    return ref_category if ref_category in PALETTES else DEFAULT_CATEGORY


def make_svg(name, ref_category=None):
    seed = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    rng = random.Random(seed)
    cover = Path(name).stem.endswith("-bia")
    w, h = (1200, 675) if cover else (960, 640)
    category = category_for(name, ref_category)
    pal = rng.choice(PALETTES[category])
    motif = pick_motif(name, category, rng)
    c = Canvas(w, h)
    draw_sky(c, rng, pal)
    draw_sun(c, rng, pal, avoid_center=motif in ("circuit", "antenna", "pagoda"))
    MOTIFS[motif](c, rng, pal)
    return c.render()


def scan(content):
    """Return {image name: category of the first article referencing it}."""
    refs = {}
    for md in sorted((content / "articles").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        m = CAT_RE.search(text)
        cat = m.group(1) if m else None
        for name in REF_RE.findall(text):
            if ".." in name.split("/"):
                continue
            refs.setdefault(name, cat)
    return refs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--force", action="store_true", help="regenerate every referenced image")
    ap.add_argument("--content", default=str(Path(__file__).resolve().parent.parent / "content"),
                    help="content folder (default: content/ next to scripts/)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    content = Path(args.content)
    out_dir = content / "anh"
    refs = scan(content)
    made = skipped = 0
    for name, cat in sorted(refs.items()):
        dest = out_dir / name
        if dest.exists() and not args.force:
            skipped += 1
            continue
        svg = make_svg(name, cat)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(svg, encoding="utf-8")
        made += 1
        if len(svg.encode()) > 4096:
            print(f"warning: {name} is {len(svg.encode())} bytes", file=sys.stderr)
        if not args.quiet:
            print(f"wrote {dest}")
    if not args.quiet:
        print(f"{made} generated, {skipped} already present, {len(refs)} referenced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
