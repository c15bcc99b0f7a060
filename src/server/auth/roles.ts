/** The role table lives beside the kind registry, so the web application reads the same one. */
export * from '../../catalog/roles.ts';
