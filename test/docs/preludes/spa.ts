// Prelude `spa`: what a single-page app's own code holds when it calls the API from the browser.

/** The address the person typed into the SPA's form. */
export declare const email: string;
/** The SPA's own way of saying "try again in n seconds". */
export declare function showRetryIn(seconds: number): void;
