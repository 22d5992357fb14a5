/// <reference lib="webworker" />
import { CoverageModel, type CoverageState } from '../engine/coverage';
import { uncoveredCollection } from '../engine/exportUncovered';
import { queryInMode } from '../engine/rules';
import { summarizeCoverage, type CoverageSummary } from '../engine/summary';
import type { Dataset } from '../engine/types';
import type { ServiceAreaCollection, WorkerRequest, WorkerResponse } from './protocol';

/**
 * Runs the coverage engine off the main thread. The model and the baseline of the last query are
 * kept, so a moved proposal only re-clips the residential areas its circle reaches.
 */
let model: CoverageModel | undefined;
let dataset: Dataset | undefined;
/** Whether paths that cross without a shared vertex are joined there (the model is rebuilt when this changes). */
let nodeCrossings = false;
let baseline: { key: string; state: CoverageState; summary: CoverageSummary } | undefined;
let straightBaseline: { key: string; state: CoverageState } | undefined;

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	if (request.type === 'load') {
		dataset = request.dataset;
		nodeCrossings = false;
		model = new CoverageModel(dataset);
		baseline = undefined;
		straightBaseline = undefined;
		post({ type: 'loaded' });
		return;
	}
	try {
		if (!model || !dataset) throw new Error('no dataset loaded');
		const started = performance.now();
		if ((request.nodeCrossings ?? false) !== nodeCrossings) {
			nodeCrossings = request.nodeCrossings ?? false;
			model = new CoverageModel(dataset, { nodeCrossings });
			baseline = undefined;
			straightBaseline = undefined;
		}
		const key = JSON.stringify(request.query);
		if (baseline?.key !== key) {
			const state = model.baseline(request.query, (share) => post({ type: 'progress', id: request.id, share }));
			baseline = { key, state, summary: summarizeCoverage(model.dataset, state) };
		}
		const state = model.withProposals(baseline.state, request.proposals);
		const summary = state === baseline.state ? baseline.summary : summarizeCoverage(model.dataset, state);
		// Both modes side by side: the straight-line discs of the same facilities and their figures.
		let straightSummary: CoverageSummary | undefined;
		let compared: CoverageState['serviceAreas'] = [];
		if (request.compareStraight && state.evaluatedAs === 'walk') {
			const straightQuery = queryInMode(request.query, 'straight');
			const straightKey = JSON.stringify(straightQuery);
			if (straightBaseline?.key !== straightKey) straightBaseline = { key: straightKey, state: model.baseline(straightQuery) };
			const straightState = model.withProposals(straightBaseline.state, request.proposals);
			straightSummary = summarizeCoverage(model.dataset, straightState);
			compared = straightState.serviceAreas;
		}
		const serviceAreas: ServiceAreaCollection = {
			type: 'FeatureCollection',
			features: [...compared, ...state.serviceAreas].map((serviceArea) => ({
				type: 'Feature',
				geometry: { type: 'MultiPolygon', coordinates: serviceArea.outline() },
				properties: { facilityId: serviceArea.facilityId, proposed: serviceArea.proposed, mode: serviceArea.mode }
			}))
		};
		post({
			type: 'result',
			result: {
				id: request.id,
				query: request.query,
				summary,
				baselineSummary: baseline.summary,
				coveredShares: state.areas.map((area) => area.coveredShare),
				uncovered: uncoveredCollection(model.dataset, model.projection, state),
				serviceAreas,
				evaluatedAs: state.evaluatedAs,
				straightSummary,
				pathCrossings: state.evaluatedAs === 'walk' ? model.walkingNetwork()?.crossings : undefined,
				pathsNoded: state.evaluatedAs === 'walk' ? model.walkingNetwork()?.noded : undefined,
				elapsedMs: performance.now() - started
			}
		});
	} catch (error) {
		post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
	}
};
