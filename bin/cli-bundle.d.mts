/** Types of bin/cli-bundle.mjs, for the tests that import it. */
export declare const BUNDLE_DIR: string;
export declare function freshBundle(root: URL, buildDir?: URL): string | null;
export declare function sameContent(url: URL, sha256: unknown): boolean;
