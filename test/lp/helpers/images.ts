/**
 * Real (tiny) images and hostile look-alikes, built byte by byte from the formats' specs (PNG: RFC
 * 2083 chunks with CRC-32; GIF89a; baseline JPEG markers), for the file tests of every layer.
 */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td) >>> 0);
  return Buffer.concat([len, td, crc]);
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = 8; // bit depth
  d[9] = 2; // RGB
  return chunk('IHDR', d);
}

/** A valid RGB PNG of `width` × `height` in one colour; `extra` chunks go before IDAT. */
export function png(width = 4, height = 3, rgb: [number, number, number] = [200, 30, 30], extra: Buffer[] = []): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([PNG_SIG, ihdr(width, height), ...extra, chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG whose header claims `width` × `height` (a decompression bomb's shape): tiny, never decodable to that size. */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  return Buffer.concat([PNG_SIG, ihdr(width, height), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG carrying HTML in a text chunk: a polyglot a browser could render as a page if sniffed. */
export function pngPolyglot(): Buffer {
  return png(2, 2, [0, 0, 0], [chunk('tEXt', Buffer.from('Comment\u0000<html><script>alert(1)</script></html>', 'latin1'))]);
}

/** A 1×1 GIF89a. */
export function gif(): Buffer {
  return Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');
}

/** A baseline JPEG's markers (SOI, APP0 JFIF, SOF0 with the size, EOI): enough for a header parse. */
export function jpeg(width = 640, height = 480): Buffer {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const sof = Buffer.alloc(19);
  Buffer.from('ffc0001108', 'hex').copy(sof, 0);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  Buffer.from('03012200021101031101', 'hex').copy(sof, 9);
  return Buffer.concat([Buffer.from('ffd8', 'hex'), app0, sof, Buffer.from('ffd9', 'hex')]);
}

export const HTML_AS_PNG = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');
export const SVG_AS_PNG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>', 'utf8');
