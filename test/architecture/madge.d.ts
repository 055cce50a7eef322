// The part of madge's API the layering test uses (the package ships no types).
declare module 'madge' {
  interface MadgeResult {
    /** File -> the files it imports, paths relative to the base directory. */
    obj(): Record<string, string[]>;
    circular(): string[][];
  }
  export default function madge(
    path: string,
    config?: { fileExtensions?: string[]; tsConfig?: string },
  ): Promise<MadgeResult>;
}
