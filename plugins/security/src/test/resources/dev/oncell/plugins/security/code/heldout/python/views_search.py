# oncell-bench: vulnerable sql
from django.db import connection
from django.http import JsonResponse


def search(request):
    term = request.GET.get("q", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title FROM articles WHERE title LIKE '%%" + term + "%%'")
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})
