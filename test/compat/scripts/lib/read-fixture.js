// open() here resolves from this module's folder (lib/), as in k6.
export const fixture = open('./fixture.txt');
