<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.show</name>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>; pass program.module()</source>
      <translation>；请传入 program.module()</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>cnnviz.show needs a torch.nn.Module, got {type}</source>
      <translation>cnnviz.show 需要一个 torch.nn.Module，但得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>screenshot must be a file path, got {type}</source>
      <translation>screenshot 必须是文件路径，但得到的是 {type}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>{path}: cannot save a screenshot as '{suffix}'; give a .png (or .jpg, .bmp ...) file</source>
      <translation>{path}：无法把截图保存为 '{suffix}'；请给出 .png（或 .jpg、.bmp 等）文件</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>{path}: is a folder; give the screenshot's file name</source>
      <translation>{path}：这是一个文件夹；请给出截图的文件名</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>{path}: cannot write the screenshot: the folder {folder} does not exist</source>
      <translation>{path}：无法写入截图：文件夹 {folder} 不存在</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>{path}: cannot write the screenshot (permission denied)</source>
      <translation>{path}：无法写入截图（没有权限）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/show.py" />
      <source>{path}: could not write the screenshot</source>
      <translation>{path}：未能写入截图</translation>
    </message>
  </context>
</TS>
