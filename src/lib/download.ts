/** Offers text as a file download (the string itself comes from the engine's pure serializer). */
export function downloadText(fileName: string, text: string, type = 'application/geo+json') {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
