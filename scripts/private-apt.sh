# Sourced by the scripts that fetch from Debian with a private apt configuration (its own state
# and cache under WORK; the system's apt untouched): fetch-arm64-deb.sh, fetch-qemu-plugin-header.sh.
#
# private_apt_init WORK NAME [apt-get options...]: WORK an absolute directory. Sets APT to the
# apt-get command line and runs `apt-get update` once per WORK; NAME prefixes the error message.
private_apt_init() {
	_work=$1 _name=$2
	shift 2
	mkdir -p "$_work/state/lists/partial" "$_work/cache/archives/partial"
	APT="apt-get -qq $* -o Dir::State=$_work/state -o Dir::State::status=/dev/null
 -o Dir::Cache=$_work/cache -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
	[ -f "$_work/state/.updated" ] && return 0
	if ! $APT update >"$_work/update.log" 2>&1; then
		echo "$_name: cannot reach the Debian registry (see $_work/update.log)" >&2
		exit 1
	fi
	touch "$_work/state/.updated"
}
