export { forDialect } from '../database/raw-sql';
