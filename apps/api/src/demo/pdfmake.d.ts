/**
 * pdfmake 0.3 ships no type declarations; this is the part of its server API we use
 * (https://pdfmake.github.io/docs/0.3/getting-started/server-side/).
 */
declare module 'pdfmake' {
  type Content = string | { text?: string | Content[]; style?: string; margin?: number[]; bold?: boolean; fontSize?: number; ul?: Content[]; table?: { widths?: (string | number)[]; body: Content[][] }; layout?: string };
  interface DocDefinition {
    info?: { title?: string; author?: string; subject?: string; creator?: string };
    content: Content[];
    styles?: Record<string, { fontSize?: number; bold?: boolean; margin?: number[]; color?: string }>;
    defaultStyle?: { font?: string; fontSize?: number };
    pageSize?: string;
    footer?: string;
  }
  interface PdfMake {
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
  }
  const pdfmake: PdfMake;
  export = pdfmake;
}
