<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.inputs.units_data</name>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>the images must be a non-empty tensor N x C x H x W, not {got}</source>
      <translation>图像必须是非空的 N x C x H x W 张量，而不是 {got}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>skipped {skipped} unreadable file(s) of {count} (first: {first})</source>
      <translation>{count} 个文件中有 {skipped} 个无法读取，已跳过（第一个：{first}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>no dataset given: use {names} or a folder of images</source>
      <translation>没有给出数据集：请使用 {names} 或一个图像文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>the image limit must be a whole number of at least 1, not {limit}</source>
      <translation>图像数量上限必须是至少为 1 的整数，而不是 {limit}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>{path}: not a usable folder ({reason})</source>
      <translation>{path}：不是可用的文件夹（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>no such folder</source>
      <translation>没有这个文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>not a folder</source>
      <translation>不是文件夹</translation>
    </message>
    <message>
      <location filename="cnnviz/core/inputs/units_data.py" />
      <source>{path}: {problem} (give {names} or a folder of images)</source>
      <translation>{path}：{problem}（请给出 {names} 或一个图像文件夹）</translation>
    </message>
  </context>
</TS>
