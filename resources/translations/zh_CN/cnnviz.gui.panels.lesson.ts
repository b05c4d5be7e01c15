<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.lesson</name>
    <message>
      <location filename="cnnviz/gui/panels/lesson.py" />
      <source>Lesson</source>
      <translation>课程</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/lesson.py" />
      <source>Choose a lesson…</source>
      <translation>选择一节课…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/lesson.py" />
      <source>Try this</source>
      <translation>动手试一试</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/lesson.py" />
      <source>Choose a lesson of the course:</source>
      <translation>选择课程中的一节：</translation>
    </message>
  </context>
</TS>
