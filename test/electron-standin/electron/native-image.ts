/** `nativeImage`: the bytes of a PNG (size read from its header); nothing is decoded or drawn. */
import { readFileSync } from 'node:fs';

export class StandinNativeImage implements Pick<Electron.NativeImage, 'isEmpty' | 'getSize' | 'toPNG' | 'toDataURL' | 'getAspectRatio' | 'setTemplateImage' | 'isTemplateImage'> {
  private template = false;
  constructor(readonly path: string, private readonly data: Buffer) {}
  isEmpty(): boolean {
    return this.data.length === 0;
  }
  getSize(): Electron.Size {
    // PNG: the IHDR chunk holds width and height at bytes 16..24.
    if (this.data.length >= 24 && this.data.readUInt32BE(0) === 0x89504e47) {
      return { width: this.data.readUInt32BE(16), height: this.data.readUInt32BE(20) };
    }
    return { width: 0, height: 0 };
  }
  getAspectRatio(): number {
    const { width, height } = this.getSize();
    return height === 0 ? 1 : width / height;
  }
  toPNG(): Buffer {
    return this.data;
  }
  toDataURL(): string {
    return `data:image/png;base64,${this.data.toString('base64')}`;
  }
  resize(): StandinNativeImage {
    return this;
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
  isTemplateImage(): boolean {
    return this.template;
  }
}

export const nativeImage = {
  createFromPath(path: string): StandinNativeImage {
    try {
      return new StandinNativeImage(path, readFileSync(path));
    } catch {
      return new StandinNativeImage(path, Buffer.alloc(0));
    }
  },
  createFromBuffer(buffer: Buffer): StandinNativeImage {
    return new StandinNativeImage('<buffer>', buffer);
  },
  createFromDataURL(dataUrl: string): StandinNativeImage {
    return new StandinNativeImage('<data-url>', Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
  },
  createEmpty(): StandinNativeImage {
    return new StandinNativeImage('<empty>', Buffer.alloc(0));
  },
};

export function imageName(image: StandinNativeImage | string): string {
  return typeof image === 'string' ? image : image.path;
}
