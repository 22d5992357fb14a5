import type { CensusFigures } from './inputs';
import type { Random } from './random';
import type { Compound } from './town';

export interface Residents {
	population: number;
	elderly: number;
	infants: number;
	households: number;
	built: 'new' | 'existing';
}

/** Total population of the synthetic core town (西昌市 as a whole had 955,041 in 2020). */
export const TARGET_POPULATION = 380_000;

/**
 * Residents per compound. Densities fall from ~520/ha in the old core to ~230/ha in the new
 * estates at the edge; new estates are younger (fewer aged 60+, more under-3s). The totals are
 * then scaled so the town as a whole has the census shares of 西昌市: aged 60+, under 3, and the
 * average household size.
 */
export function populate(compounds: Compound[], census: CensusFigures, random: Random): Residents[] {
	const drafts = compounds.map((compound) => {
		const d = compound.coreDistance;
		const built: Residents['built'] = random.next() < 1 / (1 + Math.exp(-(d - 2300) / 420)) ? 'new' : 'existing';
		const density = built === 'existing' ? 60 + 470 * Math.exp(-d / 4200) * random.range(0.8, 1.2) : 230 * random.range(0.7, 1.3);
		return {
			built,
			population: (density * compound.area) / 10_000,
			elderlyShare: (built === 'existing' ? 0.17 : 0.095) * random.range(0.8, 1.25),
			infantShare: (built === 'existing' ? 0.031 : 0.05) * random.range(0.8, 1.2),
			householdSize: census.householdSize * (built === 'existing' ? 0.96 : 1.05) * random.range(0.95, 1.05)
		};
	});
	const populationScale = TARGET_POPULATION / sum(drafts.map((d) => d.population));
	const population = drafts.map((d) => Math.round(d.population * populationScale));
	const total = sum(population);
	const elderly = scaleTo(drafts.map((d, k) => population[k] * d.elderlyShare), total * (census.aged60plus / census.population));
	const infants = scaleTo(drafts.map((d, k) => population[k] * d.infantShare), total * (census.under3 / census.population));
	const households = scaleTo(drafts.map((d, k) => population[k] / d.householdSize), total / census.householdSize);
	return drafts.map((d, k) => ({
		population: population[k],
		elderly: Math.min(elderly[k], population[k]),
		infants: Math.min(infants[k], population[k] - Math.min(elderly[k], population[k])),
		households: Math.max(1, households[k]),
		built: d.built
	}));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Scales values to add up to `total`, then rounds each. */
function scaleTo(values: number[], total: number): number[] {
	const factor = total / sum(values);
	return values.map((v) => Math.round(v * factor));
}
