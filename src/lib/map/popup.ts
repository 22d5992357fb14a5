/**
 * Popup content built with DOM nodes and textContent only: names and attributes come from data
 * files and are never parsed as HTML, so markup or script in them shows as plain text.
 */
export function popupContent(title: string, rows: [string, string][], subtitle?: string): HTMLElement {
	const root = document.createElement('div');
	root.className = 'popup';
	const heading = document.createElement('strong');
	heading.textContent = title;
	root.append(heading);
	if (subtitle) {
		const sub = document.createElement('div');
		sub.className = 'popup-subtitle';
		sub.textContent = subtitle;
		root.append(sub);
	}
	const table = document.createElement('table');
	for (const [label, value] of rows) {
		const row = table.insertRow();
		const head = document.createElement('th');
		head.textContent = label;
		row.append(head);
		row.insertCell().textContent = value;
	}
	root.append(table);
	return root;
}
