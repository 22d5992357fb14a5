import { DEFAULT_ACCESS_M, queryInMode, type CoverageQuery } from '../engine/rules';

/** How proximity rules are measured in the app: straight-line discs, walks along the network, or both drawn. */
export type MeasureMode = 'straight' | 'walk' | 'both';

/**
 * The walking settings of the session: the measuring mode and the access distance off the network.
 * Any proximity rule runs in either mode; `both` computes the walk and draws the straight-line discs
 * beside it, so places inside a disc but outside the walk are visible.
 */
export class WalkingSettings {
	mode = $state<MeasureMode>('straight');
	accessM = $state(DEFAULT_ACCESS_M);
	/** Join paths where they cross without a shared vertex (hand-drawn data missing its junctions). */
	nodeCrossings = $state(false);

	/** The query the worker runs for a rule's query, at the planner's walking speed. */
	apply(query: CoverageQuery, speedMPerMin: number): CoverageQuery {
		if (this.mode === 'straight') return queryInMode(query, 'straight');
		if (query.mode === 'walk' && query.walk) return queryInMode(query, 'walk', { accessM: this.accessM });
		return queryInMode(query, 'walk', { speedMPerMin, accessM: this.accessM });
	}

	/** Whether the worker should add the straight-line discs and their figures for comparison. */
	get compareStraight() {
		return this.mode === 'both';
	}
}
