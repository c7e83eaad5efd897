import { describe, expect, it } from 'vitest';
import { FILE_LIMITS, checkRelativePath, fileRefOf, inspectImage, magicKind } from '../../../src-main/lp/decisions/files';
import { describeEvent } from '../../../src-main/lp/decisions/messages';
import { HTML_AS_PNG, SVG_AS_PNG, gif, jpeg, png, pngBomb, pngPolyglot } from '../helpers/images';

describe('file references (hosted/file, lp-protocol.md §6)', () => {
  it('reads relativePath, fileType and caption; anything of the wrong type is no reference', () => {
    expect(fileRefOf({ relativePath: '/v1/a/b.png', fileType: 'png', caption: 'x' })).toEqual({ relativePath: '/v1/a/b.png', fileType: 'PNG', caption: 'x' });
    expect(fileRefOf({ relativePath: '/v1/a/b.png', fileType: 'JPEG', caption: '   ' })).toEqual({ relativePath: '/v1/a/b.png', fileType: 'JPEG' });
    for (const bad of [null, 'text', [], { relativePath: 7, fileType: 'PNG' }, { relativePath: '/a', fileType: '<svg>' }, { relativePath: '', fileType: 'PNG' },
      { relativePath: '/a', fileType: 'P'.repeat(9) }, { relativePath: `/${'a'.repeat(600)}`, fileType: 'PNG' }, { ['__proto__']: { relativePath: '/a', fileType: 'PNG' } }]) {
      expect(fileRefOf(bad)).toBeUndefined();
    }
    expect(fileRefOf({ relativePath: '/a', fileType: 'PNG', caption: 'c'.repeat(5000) })?.caption).toHaveLength(FILE_LIMITS.maxCaptionChars);
  });

  it('a hosted/file ContentEvent is described as text and carries its file', () => {
    const d = describeEvent({ type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'receipt', relativePath: '/v1/x.jpg', fileType: 'JPEG' } });
    expect(d).toEqual({ kind: 'content', contentType: 'hosted/file', text: '[JPEG file] receipt', file: { relativePath: '/v1/x.jpg', fileType: 'JPEG', caption: 'receipt' } });
    const lie = describeEvent({ type: 'ContentEvent', contentType: 'hosted/file', message: { relativePath: 5, fileType: 'PNG' } });
    expect(lie).toMatchObject({ kind: 'content', text: '[PNG file]' });
    expect(lie.file).toBeUndefined(); // (every EventKind has the key, undefined when there is no file)
  });

  it('relative paths: plain absolute paths only (no dot segments, encodings, other hosts, queries)', () => {
    expect(checkRelativePath('/v1/AUTH_async-images/70071234/0b7c2a6e-1c1a-4bb0-9a0e-2f0d1d1d1d1d.png')).toBe(true);
    for (const bad of ['', 'v1/a.png', '/v1/../etc/passwd', '/v1/./a', '/v1/%2e%2e/a', '//evil.example/a.png', '/a\\..\\b', '/a?x=1', '/a#f',
      '/a@evil.example', '/a/', '/a//b', '/a\u0000b', '/a b', `/${'a'.repeat(600)}`, 'https://evil.example/a.png']) {
      expect(checkRelativePath(bad), bad).toBe(false);
    }
  });
});

describe('images judged by content', () => {
  it('accepts real JPEG, PNG and GIF with their dimensions and type', () => {
    expect(inspectImage(png(4, 3))).toMatchObject({ ok: true, kind: 'PNG', mime: 'image/png', width: 4, height: 3 });
    expect(inspectImage(gif())).toMatchObject({ ok: true, kind: 'GIF', mime: 'image/gif', width: 1, height: 1 });
    expect(inspectImage(jpeg(640, 480))).toMatchObject({ ok: true, kind: 'JPEG', mime: 'image/jpeg', width: 640, height: 480 });
  });

  it('refuses HTML and SVG disguised as images, and polyglots', () => {
    expect(inspectImage(HTML_AS_PNG)).toEqual({ ok: false, problem: 'unsafe' });
    expect(inspectImage(SVG_AS_PNG)).toEqual({ ok: false, problem: 'unsafe' });
    expect(inspectImage(pngPolyglot())).toEqual({ ok: false, problem: 'unsafe' });
    // markup after a complete image (appended HTML) is refused as well
    expect(inspectImage(Buffer.concat([png(), Buffer.from('<SCRIPT>alert(1)</SCRIPT>')]))).toEqual({ ok: false, problem: 'unsafe' });
    expect(inspectImage(Buffer.from('just some text, not an image'))).toEqual({ ok: false, problem: 'not-an-image' });
    expect(magicKind(Buffer.from('GIF87b'))).toBeUndefined();
  });

  it('refuses truncated, damaged, too large and pixel-bomb images', () => {
    const whole = png(8, 8);
    expect(inspectImage(whole.subarray(0, whole.length - 6))).toEqual({ ok: false, problem: 'damaged' });
    expect(inspectImage(whole.subarray(0, 20))).toEqual({ ok: false, problem: 'damaged' });
    expect(inspectImage(jpeg().subarray(0, 30))).toEqual({ ok: false, problem: 'damaged' });
    expect(inspectImage(gif().subarray(0, 30))).toEqual({ ok: false, problem: 'damaged' });
    expect(inspectImage(pngBomb())).toEqual({ ok: false, problem: 'too-many-pixels' });
    expect(inspectImage(pngBomb(7072, 7071))).toEqual({ ok: false, problem: 'too-many-pixels' }); // just over 50 MP
    expect(inspectImage(png(10, 10), { maxBytes: 50, maxPixels: 1e9 })).toEqual({ ok: false, problem: 'too-large' });
    // a PNG signature in front of a JPEG body: the parsed type disagrees with the magic
    expect(inspectImage(Buffer.concat([png().subarray(0, 8), jpeg().subarray(2)]))).toEqual({ ok: false, problem: 'damaged' });
  });
});
