import { InputError } from '../messages';
import type { LocalizedText } from '../types';

/** What was detected about a text file's encoding; `notice` is set when the file did not declare it. */
export interface DecodedText {
	text: string;
	encoding: 'utf-8' | 'gb18030';
	notice?: LocalizedText;
}

interface Decoder {
	decode(bytes: Uint8Array): string;
}
type DecoderConstructor = new (label: string, options?: { fatal?: boolean }) => Decoder;

/** TextDecoder exists in browsers, workers and Node, but the engine's tsconfig has no DOM or Node types. */
const TextDecoderClass = (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder;

/**
 * Decodes a text file as planners hand them over: UTF-8 (with or without BOM), or GBK/GB18030 as
 * exported by Chinese Excel. A file without a BOM that is not valid UTF-8 is read as GB18030 (a
 * superset of GBK) and a notice says so, because the file did not declare its encoding. Bytes that
 * are neither are rejected with a message naming the file.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
	if (bytes.length === 0) throw new InputError([{ file, message: { zh: '文件为空', en: 'file is empty' } }]);
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return { text: new TextDecoderClass('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	}
	if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
		throw new InputError([{ file, message: { zh: '文件为 UTF-16 编码，请另存为 UTF-8 或 GBK', en: 'is UTF-16; save it as UTF-8 or GBK' } }]);
	try {
		return { text: new TextDecoderClass('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// not UTF-8: try the Chinese national encoding below
	}
	let text: string;
	try {
		text = new TextDecoderClass('gb18030', { fatal: true }).decode(bytes);
	} catch {
		throw new InputError([{ file, message: { zh: '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）', en: 'has an unknown encoding (neither UTF-8 nor GBK/GB18030)' } }]);
	}
	if (text.includes('\u0000'))
		throw new InputError([{ file, message: { zh: '不是文本文件', en: 'is not a text file' } }]);
	return {
		text,
		encoding: 'gb18030',
		notice: {
			zh: '文件未声明编码且不是 UTF-8，已按 GBK/GB18030 读取，请核对中文是否正确',
			en: 'does not declare its encoding and is not UTF-8; it was read as GBK/GB18030 — check the Chinese text'
		}
	};
}
