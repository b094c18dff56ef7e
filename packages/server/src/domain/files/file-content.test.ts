import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { checkContent } from './file-content.ts';

async function refusal(bytes: Buffer): Promise<string | undefined> {
  try {
    await checkContent(bytes);
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
}

describe('checkContent', () => {
  it('stands a sideways photo upright and drops its EXIF, keeping the format', async () => {
    // 60 × 20 pixels stored, with the EXIF orientation "rotate 90°" a camera writes when held upright.
    const photo = await sharp({ create: { width: 60, height: 20, channels: 3, background: '#3a6' } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const checked = await checkContent(photo);
    expect(checked).toMatchObject({ contentType: 'image/jpeg', width: 20, height: 60 });
    const metadata = await sharp(checked.bytes).metadata();
    expect(metadata.orientation).toBeUndefined();
    expect(metadata.exif).toBeUndefined();
  });

  it('re-encodes GIF and WebP in their own format', async () => {
    const image = () => sharp({ create: { width: 10, height: 8, channels: 4, background: '#f00' } });
    expect(await checkContent(await image().gif().toBuffer())).toMatchObject({
      contentType: 'image/gif',
      width: 10,
      height: 8,
    });
    expect((await checkContent(await image().webp().toBuffer())).contentType).toBe('image/webp');
  });

  it('reads text from its bytes: UTF-8 without control characters is text, anything else is not', async () => {
    expect((await checkContent(Buffer.from('Bonjour, ça va ?\r\n\tOui.\f'))).contentType).toBe('text/plain');
    expect(await refusal(Buffer.from('text\u0000with a NUL'))).toBe('FILE_TYPE_REFUSED');
    expect(await refusal(Buffer.from([0x66, 0x6f, 0xff, 0xfe]))).toBe('FILE_TYPE_REFUSED');
    expect(await refusal(Buffer.alloc(0))).toBe('FILE_TYPE_REFUSED');
  });

  it('refuses what is not on the list whatever it is called; SVG and HTML are only ever inert text', async () => {
    // An empty ZIP archive (its end-of-directory record): an archive is not an office document.
    const zip = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(await refusal(zip)).toBe('FILE_TYPE_REFUSED');
    // No signature: XML and HTML are text, stored and served as text/plain (and as an attachment).
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect((await checkContent(svg)).contentType).toBe('text/plain');
  });

  it('refuses an image that cannot be decoded', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    expect(await refusal(png.subarray(0, 40))).toBe('FILE_TYPE_REFUSED');
  });
});
