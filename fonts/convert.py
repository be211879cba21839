#!/usr/bin/env python3
"""Converts the Fandol OpenType/CFF fonts to TrueType (quadratic, glyf) outlines.

Why: subsetting and embedding a TrueType font is several times cheaper than a
CFF one (no charstring interpretation, no CFF index rebuilding), the subsets
come out smaller, and OFD readers accept only TrueType outlines with a cmap.

What changes: only the outline format. Cubic curves become quadratic splines
within MAX_ERR font units (3/1000 em: 0.4 px at 16 pt and 600 dpi), points
that move the outline by at most FLAT units are dropped (this and MAX_ERR keep
the sample PDF small), contours are reversed to the TrueType winding, and the
tables that exist only for CFF
(CFF, VORG) go. Glyph order, cmap, advances, vertical metrics, names, OS/2 and
the licence notice in `name` are kept as they are. The CFF hints have no
TrueType counterpart and are not carried over (no instructions are written).

Usage (one-time, from a directory holding the Fandol .otf files, e.g. Debian's
texlive-lang-chinese package, usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/):

    pip install fonttools==4.69.1
    python3 fonts/convert.py SRC_DIR fonts/

The output is deterministic: the same input files and fontTools version give
the same bytes (head.modified is kept from the source font).
"""

import math
import sys
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates

FACES = [
    "FandolSong-Bold",
    "FandolFang-Regular",
    "FandolHei-Regular",
    "FandolKai-Regular",
    "FandolSong-Regular",
]

# Largest distance, in font units (upem 1000), between a cubic curve and the
# quadratic spline that replaces it.
MAX_ERR = 3.0


# Largest distance, in font units, by which dropping a point may move the
# outline: an on-curve point on the straight line between its neighbours, or
# the control point of a nearly flat arc (the arc strays half as far as its
# control point from the chord).
FLAT = 0.5


def off_line(p, a, b):
    """Distance of p from the segment a-b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def simplify(glyph):
    """Drops points that do not change the outline by more than FLAT."""
    if glyph.numberOfContours <= 0:
        return
    coords, flags, ends = glyph.coordinates, glyph.flags, glyph.endPtsOfContours
    new_coords, new_flags, new_ends = [], bytearray(), []
    start = 0
    for end in ends:
        points = [(tuple(coords[i]), flags[i] & 1) for i in range(start, end + 1)]
        start = end + 1
        changed = True
        while changed and len(points) > 3:
            changed = False
            for i in range(len(points)):
                if len(points) <= 3:
                    break
                (a, a_on), (p, p_on), (b, b_on) = (
                    points[i - 1],
                    points[i],
                    points[(i + 1) % len(points)],
                )
                limit = FLAT if p_on else 2 * FLAT
                if a_on and b_on and off_line(p, a, b) <= limit:
                    del points[i]
                    changed = True
                    break
        for p, on in points:
            new_coords.append(p)
            new_flags.append(on)
        new_ends.append(len(new_coords) - 1)
    glyph.coordinates = GlyphCoordinates(new_coords)
    glyph.flags = new_flags
    glyph.endPtsOfContours = new_ends


def quadratic_glyphs(font):
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in font.getGlyphOrder():
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=True))
        glyph = tt_pen.glyph()
        simplify(glyph)
        glyphs[name] = glyph
    return glyphs


def to_truetype(font):
    assert font.sfntVersion == "OTTO" and "CFF " in font
    order = font.getGlyphOrder()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic_glyphs(font)
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]  # vertical origins are a CFF-only table
    glyf.compile(font)

    # Left side bearings follow the new bounding boxes.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.compile(font)  # recomputes point and contour maxima from glyf

    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CFF fonts had none in post either
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    names = sys.argv[3:] or FACES
    for face in names:
        font = TTFont(src / f"{face}.otf")
        modified = font["head"].modified
        to_truetype(font)
        font.recalcTimestamp = False
        font["head"].modified = modified
        font.save(dst / f"{face}.ttf")
        print(f"{face}.ttf", flush=True)


if __name__ == "__main__":
    main()
