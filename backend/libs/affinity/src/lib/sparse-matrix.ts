/** A sparse rows × cols matrix in CSR form (column ids ascending within a row). */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Uint32Array;
  readonly colIdx: Uint32Array;
  readonly values: Float64Array;
}

/** Builds a CSR matrix from (row, col, value) triplets; repeated cells are summed. */
export function sparseFromTriplets(
  rows: number,
  cols: number,
  triplets: Iterable<readonly [number, number, number]>,
): SparseMatrix {
  const cells = new Map<number, number>();
  for (const [r, c, v] of triplets) {
    if (r < 0 || r >= rows || c < 0 || c >= cols)
      throw new Error(`Cell (${r}, ${c}) is outside ${rows} × ${cols}`);
    const key = r * cols + c;
    cells.set(key, (cells.get(key) ?? 0) + v);
  }
  const keys = [...cells.keys()].sort((a, b) => a - b);
  const rowPtr = new Uint32Array(rows + 1);
  const colIdx = new Uint32Array(keys.length);
  const values = new Float64Array(keys.length);
  keys.forEach((key, x) => {
    const r = Math.floor(key / cols);
    rowPtr[r + 1]++;
    colIdx[x] = key - r * cols;
    values[x] = cells.get(key) as number;
  });
  for (let r = 0; r < rows; r++) rowPtr[r + 1] += rowPtr[r];
  return { rows, cols, rowPtr, colIdx, values };
}

/** Column-major view (CSC) of the same matrix: for each column, the rows holding it. */
export function transpose(m: SparseMatrix): SparseMatrix {
  const colPtr = new Uint32Array(m.cols + 1);
  for (let x = 0; x < m.colIdx.length; x++) colPtr[m.colIdx[x] + 1]++;
  for (let c = 0; c < m.cols; c++) colPtr[c + 1] += colPtr[c];
  const fill = colPtr.slice(0, m.cols);
  const rowIdx = new Uint32Array(m.colIdx.length);
  const values = new Float64Array(m.colIdx.length);
  for (let r = 0; r < m.rows; r++) {
    for (let x = m.rowPtr[r]; x < m.rowPtr[r + 1]; x++) {
      const at = fill[m.colIdx[x]]++;
      rowIdx[at] = r;
      values[at] = m.values[x];
    }
  }
  return {
    rows: m.cols,
    cols: m.rows,
    rowPtr: colPtr,
    colIdx: rowIdx,
    values,
  };
}
