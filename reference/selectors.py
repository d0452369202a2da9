from .models import Region, RegionKind


def region_list():
    """All regions, parents first by sort order: reference data every staff member may read."""
    return Region.objects.select_related("parent").all()


def region_descendant_ids(region: Region) -> set[int]:
    """The region and every region under it (a district and the zones inside it)."""
    ids = {region.pk}
    frontier = [region.pk]
    while frontier:
        frontier = list(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


def the_city() -> Region | None:
    """The city the portal serves (the region of kind city, at the top of the tree), or None
    before the reference data is loaded."""
    return Region.objects.filter(kind=RegionKind.CITY, parent__isnull=True).order_by("pk").first()
