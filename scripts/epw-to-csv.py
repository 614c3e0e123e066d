#!/usr/bin/env python3
"""Convert an EnergyPlus weather (EPW) file to Racksim's compact weather CSV.

Usage: scripts/epw-to-csv.py INPUT.epw OUTPUT.csv [--source "text for the header comment"]

Output columns: time_s,temp_c,rh,wetbulb_c (one decimal each), one row per hour.
- time_s: the record for hour h (1-24) of zero-based day-of-year d is placed at
  (24*d + h - 1) * 3600 s, as Racksim's EPWReader does (the year field is ignored: a TMY
  takes each month from a different year).
- temp_c: EPW field 7 (dry bulb). rh: field 9 (relative humidity, %).
- wetbulb_c: thermodynamic wet bulb from dry bulb, dew point (field 8) and station pressure
  (field 10), by the ASHRAE Handbook Fundamentals (2017) ch. 1 psychrometrics that
  Sources/DataCenter/Weather/Psychrometrics.swift implements: Hyland-Wexler saturation
  pressure, W = 0.621945 p_w / (p - p_w), and bisection on the wet-bulb energy balance.
Standard library only.
"""

import argparse
import math
import sys

DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def saturation_pressure_pa(t):
    k = t + 273.15
    if t >= 0:
        ln_p = (-5.8002206e3 / k + 1.3914993 - 4.8640239e-2 * k + 4.1764768e-5 * k * k
                - 1.4452093e-8 * k ** 3 + 6.5459673 * math.log(k))
    else:
        ln_p = (-5.6745359e3 / k + 6.3925247 - 9.677843e-3 * k + 6.2215701e-7 * k * k
                + 2.0747825e-9 * k ** 3 - 9.484024e-13 * k ** 4 + 4.1635019 * math.log(k))
    return math.exp(ln_p)


def humidity_ratio(pw, p):
    return 0.621945 * pw / (p - pw)


def ratio_from_wet_bulb(t, t_star, p):
    ws = humidity_ratio(saturation_pressure_pa(t_star), p)
    if t_star >= 0:
        return ((2501 - 2.326 * t_star) * ws - 1.006 * (t - t_star)) / (
            2501 + 1.86 * t - 4.186 * t_star)
    return ((2830 - 0.24 * t_star) * ws - 1.006 * (t - t_star)) / (
        2830 + 1.86 * t - 2.1 * t_star)


def wet_bulb_c(t, w, p):
    lo, hi = min(-100.0, t), t
    for _ in range(64):
        mid = 0.5 * (lo + hi)
        if ratio_from_wet_bulb(t, mid, p) > w:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def elevation_pressure_pa(z):
    return 101325.0 * (1 - 2.25577e-5 * z) ** 5.2559


def fmt(x):
    s = f"{x:.1f}"
    return "0.0" if s == "-0.0" else s


def convert(lines, source):
    if len(lines) <= 8 or not lines[0].upper().startswith("LOCATION"):
        sys.exit("not an EPW file: expected 8 header lines starting with LOCATION")
    location = lines[0].split(",")
    elevation = float(location[9])
    leap = lines[4].split(",")[1].strip().upper() == "YES"
    out = [
        f"# {source}",
        f"# Station: {location[1].strip()}, {location[2].strip()}, {location[3].strip()} "
        f"(WMO {location[5].strip()}), lat {location[6].strip()}, lon {location[7].strip()}, "
        f"elevation {location[9].strip()} m.",
        "# Converted by scripts/epw-to-csv.py: time_s = start of the hour, temp_c = dry bulb,",
        "# rh = relative humidity %, wetbulb_c = psychrometric wet bulb (ASHRAE Fundamentals ch. 1).",
        "time_s,temp_c,rh,wetbulb_c",
    ]
    for number, line in enumerate(lines[8:], start=9):
        if not line.strip():
            continue
        f = line.split(",")
        if len(f) != 35:
            sys.exit(f"line {number}: an EPW record has 35 fields, found {len(f)}")
        month, day, hour = int(f[1]), int(f[2]), int(f[3])
        dry, dew, rh, p = float(f[6]), float(f[7]), float(f[8]), float(f[9])
        if dry >= 99.9:
            sys.exit(f"line {number}: dry bulb missing")
        if p >= 999999 or p <= 0:
            p = elevation_pressure_pa(elevation)
        d = sum(DAYS_IN_MONTH[: month - 1]) + day - 1 + (1 if leap and month > 2 else 0)
        time_s = (24 * d + hour - 1) * 3600
        if dew < 99.9:
            w = humidity_ratio(saturation_pressure_pa(min(dew, dry)), p)
        else:
            w = humidity_ratio(rh / 100 * saturation_pressure_pa(dry), p)
        out.append(f"{time_s},{fmt(dry)},{fmt(rh)},{fmt(wet_bulb_c(dry, w, p))}")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--source", default="Source: EnergyPlus weather file (EPW).")
    args = parser.parse_args()
    with open(args.input, encoding="latin-1") as f:
        lines = f.read().splitlines()
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(convert(lines, args.source))


if __name__ == "__main__":
    main()
