import { describe, expect, it } from 'vitest';
import { numberWithin } from '../src/lib/numberInput';

describe('numbers typed in form fields', () => {
	it('accepts numbers within the bounds, inclusive', () => {
		expect(numberWithin('300', 10, 20000)).toBe(300);
		expect(numberWithin('10', 10, 20000)).toBe(10);
		expect(numberWithin(' 66.7 ', 10, 200)).toBe(66.7);
		expect(numberWithin('0', 0, 1000)).toBe(0);
	});

	it('refuses empty, negative, out-of-range and non-numeric entries', () => {
		for (const text of ['', '  ', '-5', '0', '9.99', '20001', 'abc', '1e999', 'NaN']) expect(numberWithin(text, 10, 20000)).toBeUndefined();
	});
});
