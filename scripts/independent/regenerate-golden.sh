#!/usr/bin/env bash
# Regenerates tests/golden/xichang-demo-*.json with the independent shapely implementation.
# Only after a change to geodata/xichang-demo/ (see tests/golden/README.md); never from the engine's output.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3  # Debian's Python, where python3-shapely python3-pyproj python3-geographiclib install

"$PY" scripts/independent/coverage_shapely.py --data geodata/xichang-demo --rule HH-1 \
	--categories childcare_center,kindergarten,community_childcare --radius 300 \
	--out tests/golden/xichang-demo-HH-1.json
"$PY" scripts/independent/coverage_shapely.py --data geodata/xichang-demo --rule HZ-1 \
	--categories elderly_daycare,elderly_service_center --radius 1000.5 \
	--out tests/golden/xichang-demo-HZ-1.json
"$PY" scripts/independent/compliance_shapely.py --data geodata/xichang-demo --out tests/golden/xichang-demo-compliance.json
