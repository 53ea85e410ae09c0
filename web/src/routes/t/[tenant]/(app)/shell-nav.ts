// Which of the shell's links is the current page: the dashboard only on
// itself, every other section also on the pages below it.
export function isCurrentPath(pathname: string, href: string, exact: boolean): boolean {
	return exact ? pathname === href || pathname === href + '/' : pathname === href || pathname.startsWith(href + '/');
}
