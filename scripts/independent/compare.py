#!/usr/bin/python3
"""Compares a CLI export of uncovered parts with coverage_shapely.py's expected values.

    /usr/bin/python3 scripts/independent/compare.py --export out.geojson --expected expected.json [--data <dir>]

Checks (exit status 1 if any fails):
1. Per residential area, covered share from the export (1 - sum of its parts' uncoveredAreaM2 / the
   expected area; no feature = wholly covered) within 0.005 of the expected share, and the exported
   coveredShare property likewise; total uncovered area within 0.1 %.
2. Each exported part's area, recomputed from its lon/lat coordinates (projected with pyproj to the
   dataset's local LAEA, shapely area), matches its uncoveredAreaM2 property within what rounding
   allows: 0.05 m² (the property's 0.1 m²) + 0.075 m × perimeter (6-decimal coordinates move a vertex
   by at most 0.075 m).
3. RFC 7946: Polygon features, rings closed with >= 4 positions, exteriors counter-clockwise, holes
   clockwise, at most 6 decimals, longitudes/latitudes in range, no `crs` member.
"""
import argparse
import json
import os
import sys

import pyproj
from shapely.geometry import Polygon
from shapely.ops import transform

SHARE_TOLERANCE = 0.005
TOTAL_TOLERANCE = 0.001
DISPLACEMENT_M = 0.075  # worst vertex shift from rounding to 6 decimals (half a unit in both axes, ~28° N)


def load(path, **kwargs):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f, **kwargs)


def decimals(text):
    """Digits after the decimal point of a JSON number as written; exponent notation counts as too many."""
    if "e" in text.lower():
        return 99
    return len(text.split(".")[1]) if "." in text else 0


def signed_area(ring):
    """Shoelace area in degrees² (positive = counter-clockwise, longitude east and latitude north)."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:])) / 2


def check_rfc7946(raw, problems):
    """raw: the export parsed with numbers kept as their source text."""
    if "crs" in raw:
        problems.append("FeatureCollection has a crs member (RFC 7946 forbids it)")
    for index, feature in enumerate(raw["features"]):
        where = f"feature {index} ({feature['properties'].get('residentialId')})"
        geometry = feature["geometry"]
        if geometry["type"] != "Polygon":
            problems.append(f"{where}: geometry is {geometry['type']}, expected Polygon")
            continue
        for r, ring_text in enumerate(geometry["coordinates"]):
            role = "exterior" if r == 0 else f"hole {r}"
            if any(decimals(v) > 6 for position in ring_text for v in position):
                problems.append(f"{where} {role}: more than 6 decimals")
            ring = [(float(p[0]), float(p[1])) for p in ring_text]
            if len(ring) < 4 or ring[0] != ring[-1]:
                problems.append(f"{where} {role}: not closed or fewer than 4 positions")
                continue
            if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in ring):
                problems.append(f"{where} {role}: position outside longitude/latitude range")
            area = signed_area(ring)
            if area == 0 or (area > 0) != (r == 0):
                problems.append(f"{where} {role}: wrong winding ({'zero area' if area == 0 else 'clockwise' if area < 0 else 'counter-clockwise'})")


def check_part_areas(export, forward, problems):
    """Recomputes each part's area from its coordinates; returns the largest |difference| in m²."""
    worst = (0.0, None)
    for index, feature in enumerate(export["features"]):
        rings = feature["geometry"]["coordinates"]
        polygon = transform(forward.transform, Polygon(rings[0], rings[1:]))
        stated = feature["properties"]["uncoveredAreaM2"]
        difference = abs(polygon.area - stated)
        tolerance = 0.05 + DISPLACEMENT_M * polygon.length
        if difference > worst[0]:
            worst = (difference, f"feature {index} ({feature['properties']['residentialId']}): "
                     f"{polygon.area:.2f} from coordinates vs {stated} stated, tolerance {tolerance:.2f}")
        if difference > tolerance:
            problems.append(f"feature {index} ({feature['properties']['residentialId']}): area from coordinates "
                            f"{polygon.area:.2f} m² vs uncoveredAreaM2 {stated} (tolerance {tolerance:.2f})")
        if not polygon.is_valid:
            print(f"  note: feature {index} is not a valid polygon after rounding to 6 decimals")
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--export", required=True, help="GeoJSON written by `npm run cli -- analyze`")
    parser.add_argument("--expected", required=True, help="JSON written by coverage_shapely.py")
    parser.add_argument("--data", help="dataset folder (for its centre); default: the expected file's query.data")
    parser.add_argument("--worst", type=int, default=5, help="how many worst areas to list")
    args = parser.parse_args()

    expected = load(args.expected)
    export = load(args.export)
    raw = load(args.export, parse_float=str, parse_int=str)
    data = args.data or expected["query"]["data"]
    lon0, lat0 = load(os.path.join(data, "dataset.json"))["center"]
    forward = pyproj.Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={lat0} +lon_0={lon0} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs", always_xy=True)
    problems = []

    # 1. Per-area shares and the total.
    exported_uncovered, exported_share = {}, {}
    for feature in export["features"]:
        props = feature["properties"]
        rid = str(props["residentialId"])
        exported_uncovered[rid] = exported_uncovered.get(rid, 0.0) + props["uncoveredAreaM2"]
        exported_share[rid] = props["coveredShare"]
    known = {a["id"] for a in expected["areas"]}
    for rid in sorted(set(exported_uncovered) - known):
        problems.append(f"export names residential area {rid}, which the expected values do not have")

    rows = []
    for area in expected["areas"]:
        uncovered = exported_uncovered.get(area["id"], 0.0)
        share = 1 - uncovered / area["areaM2"] if area["areaM2"] > 0 else 1.0
        stated = exported_share.get(area["id"], 1.0)
        rows.append((abs(share - area["coveredShare"]), area, share, uncovered, abs(stated - area["coveredShare"])))
    total_expected = sum(a["uncoveredAreaM2"] for a in expected["areas"])
    total_exported = sum(exported_uncovered.values())
    total_relative = (total_exported - total_expected) / total_expected if total_expected else float(total_exported > 0)

    deltas = [row[0] for row in rows]
    print(f"{args.export} vs {args.expected}: {len(rows)} areas, {len(export['features'])} exported parts")
    print(f"  covered share |Δ|: max {max(deltas, default=0):.6f}, mean {sum(deltas) / max(len(deltas), 1):.6f} "
          f"(exported coveredShare property: max |Δ| {max((row[4] for row in rows), default=0):.6f})")
    print(f"  total uncovered area: export {total_exported:.1f} m², expected {total_expected:.1f} m², Δ {100 * total_relative:+.4f} %")
    print("  worst areas:")
    for delta, area, share, uncovered, _ in sorted(rows, key=lambda row: -row[0])[: args.worst]:
        print(f"    {area['id']}: share {share:.6f} vs {area['coveredShare']:.6f} (Δ {delta:.6f}); "
              f"uncovered {uncovered:.1f} vs {area['uncoveredAreaM2']:.1f} of {area['areaM2']:.1f} m²")
    for delta, area, share, _, stated_delta in rows:
        if delta > SHARE_TOLERANCE:
            problems.append(f"area {area['id']}: covered share {share:.6f} vs expected {area['coveredShare']:.6f}")
        if stated_delta > SHARE_TOLERANCE:
            problems.append(f"area {area['id']}: exported coveredShare property differs from expected by {stated_delta:.6f}")
    if abs(total_relative) > TOTAL_TOLERANCE:
        problems.append(f"total uncovered area differs by {100 * total_relative:+.4f} % (tolerance 0.1 %)")

    # 2. Geometry of the export against its own numbers; 3. RFC 7946.
    worst_difference, worst_where = check_part_areas(export, forward, problems)
    print(f"  part areas recomputed from coordinates: max |Δ| {worst_difference:.3f} m²" + (f" ({worst_where})" if worst_where else ""))
    check_rfc7946(raw, problems)

    if problems:
        print(f"FAIL: {len(problems)} problems")
        for problem in problems[:30]:
            print(f"  - {problem}")
        if len(problems) > 30:
            print(f"  ... and {len(problems) - 30} more")
        return 1
    print("OK: within 0.005 covered share per area and 0.1 % total uncovered area; geometry and RFC 7946 checks pass")
    return 0


if __name__ == "__main__":
    sys.exit(main())
