// Draws the app icon (three rising bars on the accent colour) as SVG and as
// PNG at the sizes the web app manifest lists, into web/. The files are
// committed; run this again only to change the icon: node scripts/make-icons.mjs
//
// No dependencies: the shapes are rounded rectangles, rasterised here with
// 4x4 supersampling and written as PNG with node's zlib.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'web');
const ACCENT = '#0b5cad'; // --accent of style/main.css
const BAR = '#ffffff';

// In a 512 x 512 box; the bars stay inside the central circle of radius 205
// (a maskable icon's safe zone), so any platform crop keeps them whole.
const SHAPES = [
  { x: 0, y: 0, w: 512, h: 512, r: 96, fill: ACCENT },
  { x: 112, y: 272, w: 72, h: 128, r: 10, fill: BAR },
  { x: 220, y: 192, w: 72, h: 208, r: 10, fill: BAR },
  { x: 328, y: 112, w: 72, h: 288, r: 10, fill: BAR },
];

export function svg() {
  const rects = SHAPES.map((s) => `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${s.fill}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${rects.join('')}</svg>\n`;
}

function inside(s, x, y) {
  if (x < s.x || y < s.y || x > s.x + s.w || y > s.y + s.h) return false;
  const cx = Math.min(Math.max(x, s.x + s.r), s.x + s.w - s.r);
  const cy = Math.min(Math.max(y, s.y + s.r), s.y + s.h - s.r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= s.r ** 2;
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels of the icon at `size` x `size`. */
function raster(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = 4; // samples per axis
  for (let py = 0; py < size; py++) {
    for (let pxl = 0; pxl < size; pxl++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((pxl + (sx + 0.5) / n) * 512) / size;
          const y = ((py + (sy + 0.5) / n) * 512) / size;
          // Topmost shape wins (painter's order).
          const s = SHAPES.findLast((shape) => inside(shape, x, y));
          if (!s) continue;
          const [cr, cg, cb] = rgb(s.fill);
          r += cr;
          g += cg;
          b += cb;
          a += 255;
        }
      }
      const k = n * n;
      const covered = a / 255; // samples covered
      const o = (py * size + pxl) * 4;
      // Colour averaged over covered samples, alpha = coverage.
      px[o] = covered ? Math.round(r / covered) : 0;
      px[o + 1] = covered ? Math.round(g / covered) : 0;
      px[o + 2] = covered ? Math.round(b / covered) : 0;
      px[o + 3] = Math.round(a / k);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An indexed-colour PNG (the icon has a few dozen colours, edges included). */
export function png(size) {
  const px = raster(size);
  const palette = new Map(); // 'r,g,b,a' -> index
  const indices = Buffer.alloc(size * size);
  for (let i = 0; i < size * size; i++) {
    const key = px.subarray(i * 4, i * 4 + 4).join(',');
    if (!palette.has(key)) palette.set(key, palette.size);
    indices[i] = palette.get(key);
  }
  if (palette.size > 256) throw new Error(`${palette.size} colours do not fit an indexed PNG`);
  const colours = [...palette.keys()].map((k) => k.split(',').map(Number));
  const rows = Buffer.alloc(size * (size + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size + 1)] = 0; // filter: none
    indices.copy(rows, y * (size + 1) + 1, y * size, (y + 1) * size);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // indexed colour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', Buffer.from(colours.flatMap(([r, g, b]) => [r, g, b]))),
    chunk('tRNS', Buffer.from(colours.map(([, , , a]) => a))),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(OUT, 'icon.svg'), svg());
  for (const size of [192, 512]) writeFileSync(join(OUT, `icon-${size}.png`), png(size));
  console.log(`wrote web/icon.svg, web/icon-192.png, web/icon-512.png`);
}
