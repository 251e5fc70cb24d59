/** Saves a blob under a file name through a temporary link (the browser's download). */
export function downloadBlob(blob: Blob, filename: string): void {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A canvas as a PNG file (map, chart or table export). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
	return new Promise((resolve, reject) =>
		canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Export PNG impossible'))), 'image/png')
	);
}

/** « Cahors, Figeac » → « cahors-figeac »: a file name part without accents or spaces. */
export function slug(text: string): string {
	return (
		text
			.normalize('NFD')
			.replace(/\p{M}+/gu, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			// Room for an indicator's short label and a CLS name: « apl-mg-moins-de-65-ans-2023-contrat-local-de-sante-du-bassin-d-aurillac ».
			.slice(0, 80) || 'export'
	);
}
