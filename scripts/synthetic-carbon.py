#!/usr/bin/env python3
"""Write Racksim's SYNTHETIC grid carbon-intensity CSV (a documented shape, not measured data).

Usage: scripts/synthetic-carbon.py OUTPUT.csv

One value per hour of a 365-day year, evaluated at the middle of the hour (hour of day
h = 0..23, day of year d = 0..364, x = h + 0.5):
  solar(x)   = max(0, sin(pi * (x - 6) / 12))          daylight 06:00-18:00
  depth(d)   = 150 + 70 * cos(2 * pi * (d - 172) / 365)  deeper midday dip near the June solstice
  evening(x) = 60 * exp(-((x - 19) / 2) ** 2)            gas peakers at the evening peak
  g(d, x)    = 420 - depth(d) * solar(x) + evening(x)    gCO2/kWh
The values span about 200-480 gCO2/kWh, the range of a mixed grid with growing solar; the
shape is an assumption for trying carbon-aware strategies, not any real grid. Standard library only.
"""

import math
import sys


def intensity(d, h):
    x = h + 0.5
    solar = max(0.0, math.sin(math.pi * (x - 6) / 12))
    depth = 150 + 70 * math.cos(2 * math.pi * (d - 172) / 365)
    evening = 60 * math.exp(-(((x - 19) / 2) ** 2))
    return 420 - depth * solar + evening


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    lines = [
        "# SYNTHETIC carbon intensity: a documented daily and seasonal shape, NOT measured grid data.",
        "# g = 420 - (150 + 70 cos(2 pi (d - 172) / 365)) * max(0, sin(pi (x - 6) / 12))",
        "#     + 60 exp(-((x - 19) / 2)^2), x = hour of day + 0.5, d = day of year (0-based).",
        "# Made by scripts/synthetic-carbon.py. Each value holds for its hour.",
        "time_s,gco2_per_kwh",
    ]
    for d in range(365):
        for h in range(24):
            lines.append(f"{(24 * d + h) * 3600},{intensity(d, h):.1f}")
    with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
