// `node scripts/make-icons.mjs`: draws the app and tray icons with pure Node (signed-distance shapes,
// 4×4 supersampling, PNG written with zlib) and assembles build/icon.ico and build/icon.icns.
// The outputs are committed; re-run only when the drawing changes.
//   build/icon.png (512), build/icons/<n>x<n>.png (Linux set), build/icon.ico, build/icon.icns
//   build/tray/<state>.png (16 px) + <state>@2x.png (32 px), state ∈ online|away|offline|ringing|attention
//   (copied into dist/main/assets by scripts/build.mjs, so the packaged app loads them from app.asar)
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'build');

// ---- PNG --------------------------------------------------------------------------------------
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** rgba: Float32Array of premultiplied-free RGBA in 0..1, size×size. */
function png(size, rgba) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size * 4; x++) raw[y * (size * 4 + 1) + 1 + x] = Math.round(Math.min(1, Math.max(0, rgba[y * size * 4 + x])) * 255);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- drawing: shapes in a unit square (0..1), painted back to front --------------------------
const hex = (h) => [parseInt(h.slice(1, 3), 16) / 255, parseInt(h.slice(3, 5), 16) / 255, parseInt(h.slice(5, 7), 16) / 255];
const roundRect = (cx, cy, hw, hh, r) => (x, y) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
/** Triangle (the bubble's tail) as a signed distance (negative inside). */
const triangle = (a, b, c) => (x, y) => {
  const edge = (p, q) => {
    const ex = q[0] - p[0], ey = q[1] - p[1];
    const wx = x - p[0], wy = y - p[1];
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    return [Math.hypot(wx - ex * t, wy - ey * t), ex * wy - ey * wx];
  };
  const [d1, s1] = edge(a, b), [d2, s2] = edge(b, c), [d3, s3] = edge(c, a);
  const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  const d = Math.min(d1, d2, d3);
  return inside ? -d : d;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));
const ring = (f, w) => (x, y) => Math.abs(f(x, y)) - w;

/** layers: [{ sdf, color: [r,g,b] | (x,y)=>[r,g,b] }] */
function render(size, layers) {
  const rgba = new Float32Array(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = (px + (sx + 0.5) / ss) / size;
          const y = (py + (sy + 0.5) / ss) / size;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const layer of layers) {
            if (layer.sdf(x, y) > 0) continue;
            const c = typeof layer.color === 'function' ? layer.color(x, y) : layer.color;
            [cr, cg, cb, ca] = [c[0], c[1], c[2], 1];
          }
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      rgba[i + 3] = a / n;
      if (a > 0) {
        rgba[i] = r / a;
        rgba[i + 1] = g / a;
        rgba[i + 2] = b / a;
      }
    }
  }
  return png(size, rgba);
}

// App icon: a blue rounded square, a white speech bubble, three "typing" dots.
const top = hex('#2F81F7');
const bottom = hex('#0B3D91');
const bubble = union(roundRect(0.5, 0.46, 0.27, 0.2, 0.09), triangle([0.33, 0.6], [0.46, 0.6], [0.3, 0.76]));
const appLayers = [
  { sdf: roundRect(0.5, 0.5, 0.44, 0.44, 0.1), color: (_x, y) => top.map((t, k) => t + (bottom[k] - t) * y) },
  { sdf: bubble, color: hex('#FFFFFF') },
  { sdf: circle(0.38, 0.46, 0.04), color: hex('#1F5FC4') },
  { sdf: circle(0.5, 0.46, 0.04), color: hex('#1F5FC4') },
  { sdf: circle(0.62, 0.46, 0.04), color: hex('#1F5FC4') },
];

// Tray: a bubble outline readable on light and dark panels, plus a status dot.
const trayBubble = union(roundRect(0.44, 0.4, 0.38, 0.3, 0.12), triangle([0.2, 0.62], [0.42, 0.62], [0.14, 0.86]));
const trayStates = {
  online: { fill: '#E6EDF3', dot: '#2EA043' },
  away: { fill: '#E6EDF3', dot: '#D29922' },
  offline: { fill: '#8B949E', dot: '#6E7681' },
  ringing: { fill: '#FB8500', dot: '#F85149' },
  // A ring nobody answered (escalation): red bubble, yellow dot — also the Windows overlay icon.
  attention: { fill: '#F85149', dot: '#FFD60A' },
};
const trayLayers = ({ fill, dot }) => [
  { sdf: ring(trayBubble, 0.06), color: hex('#24292F') },
  { sdf: trayBubble, color: hex(fill) },
  { sdf: circle(0.78, 0.76, 0.24), color: hex('#24292F') },
  { sdf: circle(0.78, 0.76, 0.17), color: hex(dot) },
];

// ---- ICO (PNG entries, Vista+) and ICNS (PNG entries) ---------------------------------------
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const dir = Buffer.alloc(16 * images.length);
  let offset = 6 + dir.length;
  images.forEach(([size, data], i) => {
    const e = i * 16;
    dir[e] = size >= 256 ? 0 : size;
    dir[e + 1] = size >= 256 ? 0 : size;
    dir.writeUInt16LE(1, e + 4); // planes
    dir.writeUInt16LE(32, e + 6); // bpp
    dir.writeUInt32LE(data.length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, dir, ...images.map(([, d]) => d)]);
}
function icns(entries) {
  const parts = entries.map(([type, data]) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(parts);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

mkdirSync(join(out, 'icons'), { recursive: true });
mkdirSync(join(out, 'tray'), { recursive: true });
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const app = Object.fromEntries(sizes.map((s) => [s, render(s, appLayers)]));
for (const s of sizes.filter((n) => n <= 512)) writeFileSync(join(out, 'icons', `${s}x${s}.png`), app[s]);
writeFileSync(join(out, 'icon.png'), app[512]);
writeFileSync(join(out, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((s) => [s, app[s]])));
writeFileSync(join(out, 'icon.icns'), icns([
  ['icp4', app[16]], ['icp5', app[32]], ['icp6', app[64]], ['ic07', app[128]], ['ic08', app[256]],
  ['ic09', app[512]], ['ic10', app[1024]], ['ic11', app[32]], ['ic12', app[64]], ['ic13', app[256]], ['ic14', app[512]],
]));
for (const [state, colors] of Object.entries(trayStates)) {
  writeFileSync(join(out, 'tray', `${state}.png`), render(16, trayLayers(colors)));
  writeFileSync(join(out, 'tray', `${state}@2x.png`), render(32, trayLayers(colors)));
}
console.log(`icons: build/icon.png, build/icons/*.png, build/icon.ico, build/icon.icns, build/tray/*.png`);
