/** The tool version written into every trace's meta; a test keeps it equal to package.json's. */
export const TOOL_VERSION = 'mimi-sim 0.1.0'
