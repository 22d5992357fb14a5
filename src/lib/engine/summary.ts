import { SLIVER_M2, type AreaCoverage, type CoverageState } from './coverage';
import type { Dataset, UnitLevel } from './types';

export interface CoverageTotals {
	population: number;
	coveredPopulation: number;
	uncoveredPopulation: number;
	areaM2: number;
	uncoveredAreaM2: number;
	residentialAreas: number;
	/** Areas no service reaches at all. */
	uncoveredAreas: number;
	/** Areas a service reaches only in part. */
	partlyCoveredAreas: number;
}

export interface UnitCoverage extends CoverageTotals {
	unitId: string;
	name: string;
	level: UnitLevel;
	parent: string | null;
}

export interface CoverageSummary {
	total: CoverageTotals;
	/** Every unit, in dataset order; an area counts in its community and every unit above it. */
	units: UnitCoverage[];
}

export function emptyTotals(): CoverageTotals {
	return {
		population: 0,
		coveredPopulation: 0,
		uncoveredPopulation: 0,
		areaM2: 0,
		uncoveredAreaM2: 0,
		residentialAreas: 0,
		uncoveredAreas: 0,
		partlyCoveredAreas: 0
	};
}

export function isWhollyUncovered(area: AreaCoverage): boolean {
	return area.areaM2 > 0 && area.uncoveredAreaM2 >= area.areaM2 - SLIVER_M2;
}

function addArea(totals: CoverageTotals, area: AreaCoverage) {
	totals.population += area.coveredPopulation + area.uncoveredPopulation;
	totals.coveredPopulation += area.coveredPopulation;
	totals.uncoveredPopulation += area.uncoveredPopulation;
	totals.areaM2 += area.areaM2;
	totals.uncoveredAreaM2 += area.uncoveredAreaM2;
	totals.residentialAreas += 1;
	if (isWhollyUncovered(area)) totals.uncoveredAreas += 1;
	else if (area.uncoveredAreaM2 > 0) totals.partlyCoveredAreas += 1;
}

/** Totals overall and per administrative unit, rolled up from communities through `parent`. */
export function summarizeCoverage(dataset: Dataset, state: CoverageState): CoverageSummary {
	const total = emptyTotals();
	const units = dataset.units.map((unit) => ({ ...emptyTotals(), unitId: unit.properties.id, name: unit.properties.name, level: unit.properties.level, parent: unit.properties.parent }));
	const byId = new Map(units.map((unit) => [unit.unitId, unit]));
	state.areas.forEach((area, index) => {
		addArea(total, area);
		let unitId: string | null = dataset.residential[index].properties.community;
		const visited = new Set<string>();
		while (unitId !== null && !visited.has(unitId)) {
			visited.add(unitId);
			const unit = byId.get(unitId);
			if (!unit) break;
			addArea(unit, area);
			unitId = unit.parent;
		}
	});
	return { total, units };
}
