/// <reference lib="webworker" />
import { CoverageModel, type CoverageState } from '../engine/coverage';
import { uncoveredCollection } from '../engine/exportUncovered';
import { summarizeCoverage, type CoverageSummary } from '../engine/summary';
import type { ServiceAreaCollection, WorkerRequest, WorkerResponse } from './protocol';

/**
 * Runs the coverage engine off the main thread. The model and the baseline of the last query are
 * kept, so a moved proposal only re-clips the residential areas its circle reaches.
 */
let model: CoverageModel | undefined;
let baseline: { key: string; state: CoverageState; summary: CoverageSummary } | undefined;

const post = (message: WorkerResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	if (request.type === 'load') {
		model = new CoverageModel(request.dataset);
		baseline = undefined;
		post({ type: 'loaded' });
		return;
	}
	try {
		if (!model) throw new Error('no dataset loaded');
		const started = performance.now();
		const key = JSON.stringify(request.query);
		if (baseline?.key !== key) {
			const state = model.baseline(request.query);
			baseline = { key, state, summary: summarizeCoverage(model.dataset, state) };
		}
		const state = model.withProposals(baseline.state, request.proposals);
		const summary = state === baseline.state ? baseline.summary : summarizeCoverage(model.dataset, state);
		const serviceAreas: ServiceAreaCollection = {
			type: 'FeatureCollection',
			features: state.serviceAreas.map((serviceArea) => ({
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
				elapsedMs: performance.now() - started
			}
		});
	} catch (error) {
		post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
	}
};
