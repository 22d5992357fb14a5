/// <reference lib="webworker" />
import { EvaluationContext } from '../engine/compliance/context';
import { evaluateRuleSet } from '../engine/compliance/evaluate';
import type { ComplianceRequest, ComplianceResponse } from './protocol';

/**
 * Evaluates a plan's rule set off the main thread. The context (placement of facilities in units,
 * the coverage model's projected areas) is built once per dataset and reused for every scenario.
 */
let context: EvaluationContext | undefined;

const post = (message: ComplianceResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = (event: MessageEvent<ComplianceRequest>) => {
	const request = event.data;
	if (request.type === 'load') {
		context = new EvaluationContext(request.dataset);
		post({ type: 'loaded' });
		return;
	}
	try {
		if (!context) throw new Error('no dataset loaded');
		const started = performance.now();
		const options = { year: request.year, includePlanned: request.includePlanned, proposals: request.proposals };
		const report = evaluateRuleSet(request.ruleSet, context.dataset, options, context.withOptions(options));
		post({ type: 'report', id: request.id, report, elapsedMs: performance.now() - started });
	} catch (error) {
		post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
	}
};
