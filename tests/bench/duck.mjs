// duck.mjs SQL: run one query with the npm package @duckdb/node-api and
// print the rows tab-separated (the bench's DuckDB when there is no CLI).
import { DuckDBInstance } from '@duckdb/node-api';
const con = await (await DuckDBInstance.create(':memory:')).connect();
const r = await con.runAndReadAll(process.argv[2]);
for (const row of r.getRows()) console.log(row.map(String).join('\t'));
