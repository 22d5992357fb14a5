/**
 * The number typed in a form field if it lies within [min, max], else undefined: the field then keeps
 * its last good value, so a half-typed, empty or negative entry never reaches the analysis.
 */
export function numberWithin(text: string, min: number, max: number): number | undefined {
	if (text.trim() === '') return undefined;
	const number = Number(text);
	return Number.isFinite(number) && number >= min && number <= max ? number : undefined;
}
