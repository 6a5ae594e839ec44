export const CATALOG_PLACEHOLDER = 1;
