import { CSV_DEFAULTS, convertCsvTables } from './csv.ts';
import type { MappingDefaults, RelationDirection } from './mapping.ts';
import type { ConvertInput, ConvertOptions, ConvertResult } from './types.ts';

/**
 * ServiceNow's relation types (`cmdb_rel_ci.type`, "parent descriptor::child descriptor") and which way the
 * dependency runs. ServiceNow reads a relation as "parent <descriptor> child": "App Depends on::Used by DB" means
 * the application (parent) depends on the database (child), so a change to the child may impact the parent.
 * `forward`: the parent depends on the child; `reverse`: the child depends on the parent (a container such as a
 * rack or a cluster holding its members: what it contains fails with it); `ignore`: no operational dependency
 * (management, ownership, data flows, membership).
 */
export const SERVICENOW_RELATION_TYPES: Record<string, RelationDirection> = {
  'Depends on::Used by': 'forward',
  'Runs on::Runs': 'forward',
  'Hosted on::Hosts': 'forward',
  'Virtualized by::Virtualizes': 'forward',
  'Uses::Used by': 'forward',
  'Connected by::Connects': 'forward',
  'Connects to::Connected by': 'forward',
  'Provided by::Provides': 'forward',
  'Powered by::Powers': 'forward',
  'Located in::Houses': 'forward',
  'Receives data from::Sends data to': 'ignore',
  'Contains::Contained by': 'reverse',
  'Cluster of::Cluster': 'ignore',
  'Members::Member of': 'ignore',
  'Managed by::Manages': 'ignore',
  'Owns::Owned by': 'ignore',
  'Sends data to::Receives data from': 'ignore',
  'Exchanges data with::Exchanges data with': 'ignore',
  'IP Connection::IP Connection': 'ignore',
  'Instantiates::Instantiated by': 'ignore',
  'Defines resources for::Gets resources from': 'ignore',
  'Backs up::Backed up by': 'ignore',
};

/** ServiceNow's column names and CMDB classes (`sys_class_name`, and the display names an export may show). */
export const SERVICENOW_DEFAULTS: MappingDefaults = {
  itemColumns: {
    id: ['sys_id'],
    name: ['name'],
    kind: ['sys_class_name', 'class'],
    type: [],
    site: ['location'],
    owner: ['support_group', 'managed_by_group', 'assignment_group', 'owned_by'],
    vendor: ['vendor', 'manufacturer'],
    tier: ['busines_criticality', 'business_criticality', 'criticality'],
    description: ['short_description', 'description'],
  },
  relationColumns: { from: ['parent'], to: ['child'], type: ['type'] },
  kinds: {
    ...CSV_DEFAULTS.kinds,
    cmdb_ci_service: 'Service',
    cmdb_ci_service_auto: 'Service',
    'cmdb_ci_service_*': 'Service',
    service_offering: 'Service',
    cmdb_ci_business_service: 'Service',
    'business service': 'Service',
    'mapped application service': 'Service',
    'application service': 'Service',
    'technical service': 'Service',
    'service offering': 'Service',
    cmn_location: 'Site',
    cmdb_ci_datacenter: 'Site',
    core_company: 'Vendor',
    sys_user_group: 'Team',
  },
  types: {
    cmdb_ci_server: 'server',
    cmdb_ci_linux_server: 'server',
    cmdb_ci_win_server: 'server',
    cmdb_ci_unix_server: 'server',
    cmdb_ci_esx_server: 'server',
    cmdb_ci_mainframe: 'server',
    'cmdb_ci_computer*': 'server',
    'cmdb_ci_vm*': 'vm',
    'cmdb_ci_vmware_instance*': 'vm',
    cmdb_ci_virtual_machine_object: 'vm',
    'cmdb_ci_docker*': 'container',
    'cmdb_ci_kubernetes*': 'container',
    'cmdb_ci_db_*': 'database',
    cmdb_ci_database: 'database',
    'cmdb_ci_storage*': 'storage',
    cmdb_ci_san: 'storage',
    cmdb_ci_nas_file_system: 'storage',
    cmdb_ci_netgear: 'network',
    cmdb_ci_ip_router: 'network',
    cmdb_ci_ip_switch: 'network',
    cmdb_ci_ip_firewall: 'network',
    'cmdb_ci_lb*': 'network',
    cmdb_ci_network_link: 'network',
    'cmdb_ci_appl*': 'application',
    'cmdb_ci_app_server*': 'application',
    cmdb_ci_web_server: 'application',
    'cmdb_ci_cloud*': 'cloud',
    cmdb_ci_saas: 'saas',
    'cmdb_ci_ups*': 'power',
    'cmdb_ci_pdu*': 'power',
    cmdb_ci_rack: 'facility',
    cmdb_ci_facility: 'facility',
    // Display names, when the export shows the class's label instead of its table name.
    ...CSV_DEFAULTS.types,
    'linux server': 'server',
    'windows server': 'server',
    'esx server': 'server',
    'unix server': 'server',
    'virtual machine instance': 'vm',
    'vmware virtual machine instance': 'vm',
    'ip router': 'network',
    'ip switch': 'network',
    'network gear': 'network',
    'mysql instance': 'database',
    'oracle instance': 'database',
    'mssql instance': 'database',
    'postgresql instance': 'database',
    'storage device': 'storage',
  },
  // cmdb_ci_service is the Business Service class; the others are application and technical services.
  serviceTypes: {
    cmdb_ci_service: 'business',
    cmdb_ci_business_service: 'business',
    'business service': 'business',
  },
  relationTypes: SERVICENOW_RELATION_TYPES,
  exclude: { operational_status: ['Retired', '6'], install_status: ['Retired', '7'] },
};

/** Converts ServiceNow `cmdb_ci` (and subclass) and `cmdb_rel_ci` CSV exports into catalog documents. */
export function convertServiceNow(inputs: ConvertInput[], options: ConvertOptions): ConvertResult {
  return convertCsvTables('servicenow', inputs, options, SERVICENOW_DEFAULTS);
}
