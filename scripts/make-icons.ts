/**
 * Draws the add-in icons (a white house on a blue rounded square) as real PNGs with pngjs:
 * assets/icon-16.png, icon-32.png, icon-64.png, icon-80.png.
 *
 *   npx tsx scripts/make-icons.ts [--out <dir>]
 *
 * Deterministic: running it twice gives identical files. Shapes are defined in unit coordinates and
 * anti-aliased by supersampling each pixel.
 */
import * as fs from "fs";
import * as path from "path";
import { PNG } from "pngjs";
import { ICON_SIZES } from "../manifest/config";

type Rgb = readonly [number, number, number];

const BACKGROUND: Rgb = [0x15, 0x42, 0x73]; // dark blue
const GLYPH: Rgb = [0xff, 0xff, 0xff];
const DOOR: Rgb = [0xe1, 0x70, 0x00]; // orange door
const SUPERSAMPLE = 8;

/** Signed test: inside a rounded square covering [m, 1-m]² with corner radius r. */
function inRoundedSquare(x: number, y: number, m: number, r: number): boolean {
  if (x < m || x > 1 - m || y < m || y > 1 - m) return false;
  const cx = Math.min(Math.max(x, m + r), 1 - m - r);
  const cy = Math.min(Math.max(y, m + r), 1 - m - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(
  x: number,
  y: number,
  a: [number, number],
  b: [number, number],
  c: [number, number],
): boolean {
  const sign = (p: [number, number], q: [number, number]): number =>
    (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  const d1 = sign(a, b);
  const d2 = sign(b, c);
  const d3 = sign(c, a);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

function inRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number): boolean {
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

/** Colour of the icon at unit coordinate (x, y), or undefined for transparent. */
function sample(x: number, y: number, size: number): Rgb | undefined {
  const margin = size <= 16 ? 0 : 0.04;
  if (!inRoundedSquare(x, y, margin, 0.2)) return undefined;
  const door = inRect(x, y, 0.44, 0.6, 0.56, 0.8);
  const roof = inTriangle(x, y, [0.5, 0.17], [0.15, 0.5], [0.85, 0.5]);
  const body = inRect(x, y, 0.25, 0.46, 0.75, 0.8);
  const chimney = inRect(x, y, 0.64, 0.22, 0.72, 0.4);
  if (door && size >= 32) return DOOR;
  if (door) return BACKGROUND;
  if (roof || body || chimney) return GLYPH;
  return BACKGROUND;
}

export function drawIcon(size: number): PNG {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = covered ? Math.round(r / covered) : 0;
      png.data[i + 1] = covered ? Math.round(g / covered) : 0;
      png.data[i + 2] = covered ? Math.round(b / covered) : 0;
      png.data[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return png;
}

function main(): void {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf("--out");
  const outDir = path.resolve(
    outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1]! : path.join(__dirname, "..", "assets"),
  );
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, PNG.sync.write(drawIcon(size), { colorType: 6 }));
    console.log(`geschreven: ${path.relative(process.cwd(), file)} (${size}x${size})`);
  }
}

if (require.main === module) main();
