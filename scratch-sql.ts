import { openSqliteFile } from './electron/core/importers/sqlite-database';
const db = await openSqliteFile(process.argv[2]!);
for (const q of process.argv.slice(3)) { try { const r = db.exec(q); console.log(q, '\n', JSON.stringify(r.map(x => [x.columns, ...x.values.slice(0, 15)]))); } catch (e) { console.log(q, String(e)); } }
