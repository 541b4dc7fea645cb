/**
 * English texts: the reference dictionary. Every key here must exist in every other language
 * (the type `Dictionary` enforces it). `{name}` placeholders are filled by `I18n.t`.
 */
export const en = {
  'app.name': 'Shelfcast',
  'app.skipToContent': 'Skip to main content',
  'app.openNavigation': 'Open navigation',
  'app.closeNavigation': 'Close navigation',
  'app.navigation': 'Main navigation',
  'app.language': 'Language',
  'app.themeToDark': 'Switch to dark theme',
  'app.themeToLight': 'Switch to light theme',

  'nav.overview': 'Overview',
  'nav.forecasts': 'Forecasts',
  'nav.inventory': 'Inventory',
  'nav.models': 'Models & training',
  'nav.data': 'Data',
  'nav.reports': 'Reports',

  'common.retry': 'Retry',
  'common.loading': 'Loading…',
  'common.notAvailable': '–',
  'common.goToData': 'Go to the Data page',
  'common.all': 'All',

  'error.title': 'Something went wrong',
  'error.network':
    'The server cannot be reached. Check your connection and try again.',
  'error.notFound': 'This part of the API is not available yet on this server.',
  'error.unauthorized': 'You are not signed in, or your session has expired.',
  'error.forbidden': 'You do not have permission to see this.',
  'error.server': 'The server had a problem ({status}). Try again in a moment.',
  'error.client': 'The request was refused ({status}).',

  'overview.title': 'Overview',
  'overview.subtitle':
    'Health of your data and the forecasting service at a glance.',
  'overview.kpi.api': 'API status',
  'overview.kpi.apiOk': 'Healthy',
  'overview.kpi.apiDegraded': 'Degraded',
  'overview.kpi.database': '{type} database, {latency} ms',
  'overview.kpi.databaseDown': '{type} database unreachable',
  'overview.kpi.latestSales': 'Latest sales date',
  'overview.kpi.latestSalesAge': '{age}',
  'overview.kpi.salesRows': 'Sales rows',
  'overview.kpi.products': 'Products',
  'overview.kpi.stores': 'Stores',
  'overview.kpi.noData': 'No data yet',
  'overview.kpi.accuracy': 'Forecast accuracy',
  'overview.kpi.stockoutRisk': 'Stock-out risk',
  'overview.kpi.inventoryValue': 'Inventory value',
  'overview.kpi.pending': 'Appears once forecasts are trained.',
  'overview.kpi.pendingInventory':
    'Appears once inventory snapshots are imported and policies run.',
  'overview.start.title': 'Get started: import your sales history',
  'overview.start.message':
    'Forecasts, stock projections and reports are built from your sales history. Import stores, products and sales as CSV files on the Data page.',
  'overview.forecasts.title': 'Forecast highlights',

  'forecasts.title': 'Forecasts',
  'forecasts.subtitle':
    'Demand forecasts per store and product, with uncertainty bands.',
  'forecasts.empty.title': 'No forecasts yet',
  'forecasts.empty.message':
    'Forecast charts (history, P50 forecast and P10–P90 band, with promotions and holidays marked) will appear here once sales history is imported and a model is trained.',
  'forecasts.empty.action': 'Import sales data on the Data page',

  'inventory.title': 'Inventory',
  'inventory.subtitle': 'Projected stock, reorder points and suggested orders.',
  'inventory.empty.title': 'No inventory projections yet',
  'inventory.empty.message':
    'Projected on-hand stock, inbound orders, reorder points and safety stock will appear here once inventory snapshots and purchase orders are imported and forecasts exist.',
  'inventory.empty.action': 'Import inventory snapshots on the Data page',

  'models.title': 'Models & training',
  'models.subtitle': 'Forecasting models, training runs and backtest accuracy.',
  'models.empty.title': 'No models trained yet',
  'models.empty.message':
    'Training runs, their accuracy on backtests and the drivers of each model will appear here once sales history is imported.',
  'models.empty.action': 'Import sales data on the Data page',

  'reports.title': 'Reports',
  'reports.subtitle': 'Accuracy, service level and stock reports to share.',
  'reports.empty.title': 'No reports yet',
  'reports.empty.message':
    'Reports on forecast accuracy, service levels and excess stock will appear here once forecasts and inventory projections exist.',
  'reports.empty.action': 'Import sales data on the Data page',

  'data.title': 'Data',
  'data.subtitle': 'Import CSV files and check how current your data is.',
  'data.import.title': 'Import a CSV file',
  'data.import.kind': 'Kind of data',
  'data.import.columns': 'Expected columns for {kind}',
  'data.import.column': 'Column',
  'data.import.required': 'Required',
  'data.import.optional': 'Optional',
  'data.import.description': 'Description',
  'data.import.columnsHint':
    'Header row required, comma separated, UTF-8. Dates as yyyy-mm-dd. Extra columns are refused.',
  'data.import.drop': 'Drag and drop a CSV file here',
  'data.import.or': 'or',
  'data.import.choose': 'Choose a file',
  'data.import.notCsv': '{name} is not a CSV file.',
  'data.import.selected': 'Selected: {name} ({size})',
  'data.import.upload': 'Import',
  'data.import.uploading': 'Importing {name}…',
  'data.import.sending': 'Sending file: {percent}',
  'data.import.progress': '{rows} rows read · {rate} rows/s',
  'data.import.progressBytes': '{percent} of the file',
  'data.import.progressLabel': 'Import progress',
  'data.import.succeeded':
    'Imported {imported} of {read} rows from {name} in {duration}.',
  'data.import.rejected':
    '{name} was rejected: {count} errors. Nothing was imported. Fix the rows below and import the file again.',
  'data.import.failed': 'The import of {name} failed on the server.',
  'data.import.errorsByReason': 'Errors by reason',
  'data.import.errorsTable': 'First errors',
  'data.import.errorsTruncated':
    'Only the first {shown} of {total} errors are listed.',
  'data.import.row': 'Row',
  'data.import.value': 'Value',
  'data.import.reason': 'Reason',
  'data.import.message': 'Message',
  'data.import.fileLevel': 'file',
  'data.freshness.title': 'Data freshness',
  'data.freshness.lastDate': 'Latest date',
  'data.freshness.rows': '{rows} rows',
  'data.freshness.lastImport': 'Last import {when}',
  'data.freshness.never': 'No data yet',
  'data.freshness.empty':
    'No data has been imported yet. Start with stores, products and sales.',
  'data.history.title': 'Import history',
  'data.history.empty': 'No imports yet. Files you import appear here.',
  'data.history.emptyFiltered': 'No imports match these filters.',
  'data.history.started': 'Started',
  'data.history.kind': 'Kind',
  'data.history.file': 'File',
  'data.history.status': 'Status',
  'data.history.rows': 'Rows imported',
  'data.history.errors': 'Errors',
  'data.history.duration': 'Duration',
  'data.history.user': 'By',
  'data.history.filterKind': 'Kind',
  'data.history.filterStatus': 'Status',

  'kind.stores': 'Stores',
  'kind.products': 'Products',
  'kind.suppliers': 'Suppliers',
  'kind.sales': 'Sales',
  'kind.inventory': 'Inventory snapshots',
  'kind.purchase-orders': 'Purchase orders',
  'kind.signals': 'External signals',
  'kind.events': 'Events & holidays',

  'status.running': 'Running',
  'status.succeeded': 'Succeeded',
  'status.rejected': 'Rejected',
  'status.failed': 'Failed',

  'reason.missing_column': 'Missing column',
  'reason.wrong_column_count': 'Wrong number of columns',
  'reason.missing_value': 'Missing value',
  'reason.unparseable_date': 'Unreadable date',
  'reason.invalid_number': 'Invalid number',
  'reason.negative_value': 'Negative value',
  'reason.invalid_value': 'Invalid value',
  'reason.unknown_store': 'Unknown store',
  'reason.unknown_product': 'Unknown product',
  'reason.unknown_supplier': 'Unknown supplier',
  'reason.duplicate_key': 'Duplicate key',
  'reason.invalid_utf8': 'Not UTF-8',
  'reason.malformed_csv': 'Malformed CSV',
} as const;

export type TranslationKey = keyof typeof en;
export type Dictionary = Record<TranslationKey, string>;
