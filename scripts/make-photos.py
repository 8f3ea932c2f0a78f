#!/usr/bin/env python3
"""Prepare the sample site's camera-size photographs (run once by a developer; the
results are committed in content/anh/, and nothing here runs at build time).

The photographs come from Debian packages that ship them under free licences
(see content/anh/PHOTOS.md for each one's author and licence):
  apt-get download mate-backgrounds plasma-workspace-wallpapers
  dpkg-deb -x <each .deb> <dir>

Each is scaled to the size a phone or camera writes (4000 px wide, Lanczos),
saved as a JPEG at quality 88 and given the EXIF a camera writes: make, model,
date taken and, for some, GPS coordinates and an orientation flag with the pixels
stored rotated, as a phone held upright stores them. The build must apply the
orientation and strip every tag.

Needs Pillow and piexif (pip install pillow piexif).

Usage: python3 scripts/make-photos.py <dir with the unpacked packages> [content/anh]
"""

import sys
from pathlib import Path

import piexif
from PIL import Image

PLASMA = "usr/share/wallpapers/{}/contents/images/2560x1600.jpg"
MATE = "usr/share/backgrounds/mate/nature/{}.jpg"

# name in content/anh, source, EXIF orientation (1 = upright, 6 = stored rotated
# 90° counter-clockwise, 8 = clockwise), GPS (lat, lon) or None, camera
PHOTOS = [
    ("thuyen-ben-ho.jpg", PLASMA.format("EveningGlow"), 1, (21.5942, 105.8481), ("Canon", "EOS 80D")),
    ("rung-phong-ho.jpg", PLASMA.format("Path"), 6, (21.7012, 105.6233), ("samsung", "SM-A546E")),
    ("ho-binh-minh.jpg", PLASMA.format("summer_1am"), 8, (21.4561, 105.9012), ("Apple", "iPhone 13")),
    ("ma-non.jpg", MATE.format("GreenMeadow"), 1, None, ("NIKON CORPORATION", "NIKON D7500")),
    ("doi-cat-ven-bien.jpg", MATE.format("Dune"), 1, (21.3333, 106.0555), ("FUJIFILM", "X-T30")),
    ("la-mua-thu.jpg", PLASMA.format("FallenLeaf"), 1, None, ("SONY", "ILCE-6400")),
]

WIDTH = 4000


def rational(x):
    x = abs(x)
    d = int(x)
    m = int((x - d) * 60)
    s = round(((x - d) * 60 - m) * 60 * 100)
    return ((d, 1), (m, 1), (s, 100))


def main():
    src_root = Path(sys.argv[1])
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "content/anh")
    for name, rel, orientation, gps, (make, model) in PHOTOS:
        src = next(src_root.rglob(rel.split("/", 1)[1]), None) or src_root / rel
        im = Image.open(src).convert("RGB")
        h = round(im.height * WIDTH / im.width)
        im = im.resize((WIDTH, h), Image.LANCZOS)
        # Store the pixels as the camera would for this orientation flag.
        if orientation == 6:
            im = im.transpose(Image.ROTATE_90)
        elif orientation == 8:
            im = im.transpose(Image.ROTATE_270)
        exif = {
            "0th": {
                piexif.ImageIFD.Make: make.encode(),
                piexif.ImageIFD.Model: model.encode(),
                piexif.ImageIFD.Orientation: orientation,
                piexif.ImageIFD.Software: b"bantin sample",
            },
            "Exif": {
                piexif.ExifIFD.DateTimeOriginal: b"2026:11:20 08:15:00",
                piexif.ExifIFD.LensModel: b"18-55mm",
            },
            "GPS": {},
        }
        if gps:
            lat, lon = gps
            exif["GPS"] = {
                piexif.GPSIFD.GPSLatitudeRef: b"N" if lat >= 0 else b"S",
                piexif.GPSIFD.GPSLatitude: rational(lat),
                piexif.GPSIFD.GPSLongitudeRef: b"E" if lon >= 0 else b"W",
                piexif.GPSIFD.GPSLongitude: rational(lon),
            }
        im.save(out / name, "JPEG", quality=88, exif=piexif.dump(exif))
        print(f"{out / name}: {im.width}x{im.height}, orientation {orientation}, gps {bool(gps)}")


if __name__ == "__main__":
    main()
