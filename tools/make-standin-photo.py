#!/usr/bin/env python3
"""Writes the sample edition's stand-in photo (the printed page's photo is not in the sample):
a 2400 × 1600 picture of a screen-like scene (enough pixels for 200 ppi across four broadsheet
columns), made with the standard library only. A name ending .png writes PNG; any other name
writes PPM, which `cjpeg -quality 85` (Debian's libjpeg-turbo-progs) turns into the JPEG the
edition uses: newspapers place photos as JPEG, and JPEG goes into the PDF without re-encoding."""
import sys, zlib, struct, math

W, H = 2400, 1600
def pixel(px, py):
    x, y = px * 1200 / W, py * 800 / H  # the scene is drawn in 1200 × 800 units
    # A dark workstation screen with panels and a plotted curve, lit from the left.
    light = 0.55 + 0.45 * (1 - x / W)
    r, g, b = 40, 52, 70
    if 80 < x < 1120 and 70 < y < 690:           # the monitor
        r, g, b = 22, 30, 44
        if 110 < x < 560 and 110 < y < 400: r, g, b = 46, 92, 140      # panel: data table
        if 600 < x < 1090 and 110 < y < 400: r, g, b = 230, 236, 242   # panel: chart
        if 110 < x < 1090 and 430 < y < 660: r, g, b = 58, 70, 88      # panel: tree of parts
        if 600 < x < 1090 and 110 < y < 400:
            cy = 360 - 200 * (1 - math.exp(-(x - 600) / 160))
            if abs(y - cy) < 4: r, g, b = 200, 60, 40
        if 110 < x < 560 and 110 < y < 400 and (y - 110) % 32 < 2: r, g, b = 120, 160, 200
        if 110 < x < 1090 and 430 < y < 660 and (y - 430) % 28 < 14 and (x - 110) % 240 < 180: r, g, b = 90, 110, 130
    if y > 700: r, g, b = 90, 80, 70                # the desk
    return bytes((min(255, int(r * light)), min(255, int(g * light)), min(255, int(b * light))))

out = sys.argv[1] if len(sys.argv) > 1 else "jcet-pdm.png"
if not out.endswith(".png"):
    with open(out, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (W, H))
        for y in range(H):
            f.write(b"".join(pixel(x, y) for x in range(W)))
    sys.exit(0)
rows = b"".join(b"\x00" + b"".join(pixel(x, y) for x in range(W)) for y in range(H))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
open(out, "wb").write(png)
