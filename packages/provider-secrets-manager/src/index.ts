// The provider is built in its own issue; this package has no exports yet.
export {};
